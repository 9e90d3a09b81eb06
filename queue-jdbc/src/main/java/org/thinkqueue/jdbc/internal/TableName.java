package org.thinkqueue.jdbc.internal;

import java.util.regex.Pattern;
import org.thinkqueue.ConfigurationException;

/** The one rule for table names and prefixes, which go into SQL text: plain identifiers only. */
public final class TableName {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private TableName() {}

  /**
   * Returns {@code name} if it matches {@code [A-Za-z0-9_]{1,64}}.
   *
   * @throws ConfigurationException naming {@code setting} and the refused name otherwise
   */
  public static String require(String setting, String name) {
    if (name == null || !TABLE_NAME.matcher(name).matches()) {
      throw new ConfigurationException(setting, name == null ? null : "'" + name + "'",
          "must match [A-Za-z0-9_]{1,64}");
    }
    return name;
  }
}
