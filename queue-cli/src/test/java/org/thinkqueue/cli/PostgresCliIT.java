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
package org.thinkqueue.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class PostgresCliIT extends CliContract {
  /** This test's jobs table; the failed jobs go to {@code table_failed}. */
  private final String table = "cli_" + UUID.randomUUID().toString().substring(0, 8);

  PostgresCliIT() {
    super(true); // the JDBC driver keeps the restart signal in its queue_restart table
  }

  @Override
  protected List<String> backendArgs() {
    return List.of("--jdbc", Services.postgresJdbcUrl(), "--table", table);
  }

  @Override
  protected void cleanUpBackend() {
    try (Connection c = DriverManager.getConnection(Services.postgresJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(
          "DROP TABLE IF EXISTS "
              + table
              + ", "
              + table
              + "_failed, "
              + table
              + "_restart, "
              + table
              + "_unique");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop the test tables " + table, e);
    }
  }
}
