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

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.jdbc.Dialect;

/**
 * Picks the {@link JdbcDialect} from the database's product name and version (db-scheduler's {@code
 * AutodetectJdbcCustomization}). Versions without {@code FOR UPDATE SKIP LOCKED} (MySQL 5.7,
 * MariaDB before 10.6, PostgreSQL before 9.5) are refused here, naming the version found and the
 * one needed, rather than failing at the first reservation with a syntax error.
 */
public final class DialectDetector {
  /**
   * MySQL Connector/J reports MariaDB as "5.5.5-10.11.6-MariaDB": the real version follows the
   * prefix.
   */
  private static final Pattern MARIADB_VERSION = Pattern.compile("(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)");

  private DialectDetector() {}

  /** The dialect behind a user-facing selector. */
  public static JdbcDialect of(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return PostgresDialect.INSTANCE;
      case MYSQL:
        return MySqlDialect.INSTANCE;
      default:
        return H2Dialect.INSTANCE;
    }
  }

  /**
   * {@code dialect} reading "now" from {@code clock} instead of the database. Only H2, which runs
   * in this JVM.
   *
   * @throws ConfigurationException naming the setting {@code clock} for another database
   */
  public static JdbcDialect withClock(JdbcDialect dialect, Clock clock) {
    if (dialect.selector() != Dialect.H2) {
      throw new ConfigurationException(
          "clock", clock, "H2 only (the other databases keep their own time)");
    }
    return H2Dialect.withClock(clock);
  }

  /**
   * The dialect of a connection's database.
   *
   * @throws ConfigurationException naming the product and version when they are not supported
   */
  public static JdbcDialect detect(DatabaseMetaData meta) throws SQLException {
    return detect(
        meta.getDatabaseProductName(),
        meta.getDatabaseProductVersion(),
        meta.getDatabaseMajorVersion(),
        meta.getDatabaseMinorVersion());
  }

  /** {@link #detect(DatabaseMetaData)} from the metadata's values. */
  public static JdbcDialect detect(String product, String productVersion, int major, int minor) {
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    String v = productVersion == null ? "" : productVersion.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return require(major, minor, 9, 5, "PostgreSQL", productVersion, PostgresDialect.INSTANCE);
    }
    if (p.contains("mariadb") || v.contains("mariadb")) {
      Matcher m = MARIADB_VERSION.matcher(v);
      if (m.lookingAt()) {
        major = Integer.parseInt(m.group(1));
        minor = Integer.parseInt(m.group(2));
      }
      return require(major, minor, 10, 6, "MariaDB", productVersion, MySqlDialect.INSTANCE);
    }
    if (p.contains("mysql")) {
      return require(major, minor, 8, 0, "MySQL", productVersion, MySqlDialect.INSTANCE);
    }
    if (p.equals("h2")) {
      return require(major, minor, 2, 0, "H2", productVersion, H2Dialect.INSTANCE);
    }
    throw new ConfigurationException(
        "dialect",
        product,
        "unsupported database; supported: PostgreSQL, MariaDB/MySQL, H2 (or set Dialect explicitly)");
  }

  private static JdbcDialect require(
      int major,
      int minor,
      int needMajor,
      int needMinor,
      String name,
      String version,
      JdbcDialect dialect) {
    if (major < needMajor || (major == needMajor && minor < needMinor)) {
      throw new ConfigurationException(
          "dialect",
          name + " " + version,
          "needs "
              + name
              + " "
              + needMajor
              + "."
              + needMinor
              + " or later, which has FOR UPDATE SKIP LOCKED (workers would otherwise wait on each other's "
              + "row locks)");
    }
    return dialect;
  }
}
