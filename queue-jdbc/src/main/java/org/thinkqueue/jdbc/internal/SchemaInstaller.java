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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.thinkqueue.ConfigurationException;

/**
 * The tables of one connector: created from the dialect's DDL resource ({@code CREATE TABLE IF NOT
 * EXISTS}) on request, and checked at start, a missing one named with the DDL that creates it.
 */
public final class SchemaInstaller {
  private final ConnectionSource source;
  private final String resource;
  private final String table;
  private final String failedTable;
  private final String restartTable;

  /**
   * @param resource the classpath resource with the DDL, {@code ${table}}-style placeholders for
   *     the names
   */
  public SchemaInstaller(
      ConnectionSource source,
      String resource,
      String table,
      String failedTable,
      String restartTable) {
    this.source = source;
    this.resource = resource;
    this.table = table;
    this.failedTable = failedTable;
    this.restartTable = restartTable;
  }

  /** Runs the DDL; tables that exist are left as they are. */
  public void createSchema() {
    String ddl;
    try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing DDL resource " + resource);
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read DDL resource " + resource, e);
    }
    String code =
        ddl.replace("${table}", table)
            .replace("${failed_table}", failedTable)
            .replace("${restart_table}", restartTable)
            .lines()
            .filter(l -> !l.trim().startsWith("--"))
            .collect(Collectors.joining("\n"));
    Transactions.autoCommit(
        source,
        "create the schema from " + resource,
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : code.split(";")) {
              if (!statement.isBlank()) {
                s.execute(statement.trim());
              }
            }
          }
          return null;
        });
  }

  /**
   * Checks that the jobs and failed-jobs tables exist.
   *
   * @throws ConfigurationException naming the missing table and the DDL resource that creates it
   */
  public void checkTables() {
    Transactions.autoCommit(
        source,
        "check tables",
        c -> {
          for (String t : List.of(table, failedTable)) {
            try (Statement s = c.createStatement()) {
              s.executeQuery("SELECT 1 FROM " + t + " WHERE 1 = 0").close();
            } catch (SQLException e) {
              if (SqlErrors.isMissingTable(e)) {
                throw new ConfigurationException(
                    "table",
                    t,
                    "it does not exist in the database; create it with the "
                        + "DDL in the classpath resource "
                        + resource
                        + " or call "
                        + "JdbcConnector.builder().createSchemaIfMissing(true)");
              }
              throw e;
            }
          }
          return null;
        });
  }
}
