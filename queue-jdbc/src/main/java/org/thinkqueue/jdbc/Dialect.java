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
package org.thinkqueue.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.internal.DialectDetector;

/**
 * The databases the JDBC driver knows, detected from {@link DatabaseMetaData} or chosen explicitly
 * with {@link JdbcConnector.Builder#dialect(Dialect)}. Each one has its DDL as a resource ({@code
 * org/thinkqueue/jdbc/schema/<name>-v1.sql}, {@code -v3.sql}).
 */
public enum Dialect {
  /**
   * PostgreSQL 9.5+ (tested on 12+): {@code FOR UPDATE SKIP LOCKED}, {@code RETURNING}, {@code
   * LISTEN/NOTIFY}.
   */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.6+ and MySQL 8: {@code FOR UPDATE SKIP LOCKED}; adaptive polling. */
  MYSQL("mysql"),
  /** H2 2.x, the examples' embedded default; adaptive polling. */
  H2("h2");

  private final String resourceName;

  Dialect(String resourceName) {
    this.resourceName = resourceName;
  }

  /**
   * The classpath resource with the DDL of this database for a wire format.
   *
   * @param format the wire format whose columns the tables have
   * @return a resource name such as {@code org/thinkqueue/jdbc/schema/postgresql-v3.sql}
   */
  public String ddlResource(WireFormat format) {
    return "org/thinkqueue/jdbc/schema/"
        + resourceName
        + "-"
        + format.name().toLowerCase(Locale.ROOT)
        + ".sql";
  }

  /**
   * Detects the dialect of a connection's database from its product name and version.
   *
   * @param meta the metadata of a connection to the database
   * @return the database's dialect
   * @throws ConfigurationException naming the product when it is not supported, or the version
   *     found and the one needed when it is too old (MySQL before 8.0, MariaDB before 10.6,
   *     PostgreSQL before 9.5: no {@code SKIP LOCKED})
   * @throws SQLException if the metadata cannot be read
   */
  public static Dialect detect(DatabaseMetaData meta) throws SQLException {
    return DialectDetector.detect(meta).selector();
  }
}
