/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
      throw new ConfigurationException(
          setting, name == null ? null : "'" + name + "'", "must match [A-Za-z0-9_]{1,64}");
    }
    return name;
  }
}
