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

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.ConnectorContract;
import org.thinkqueue.testkit.TimeControl;

/** The contract suite on one database: each test gets its own tables, dropped afterwards. */
abstract class JdbcContractSupport extends ConnectorContract {
  private HikariDataSource pool;
  private String table;

  JdbcContractSupport(WireFormat format) {
    this(format, TimeControl.sleeping());
  }

  /**
   * On {@code time}: {@link TimeControl#of} a clock that {@link #configure} hands every connector.
   */
  JdbcContractSupport(WireFormat format, TimeControl time) {
    // Release deletes the row and inserts a new one, as think-queue does.
    super(format, Capabilities.builder().releaseKeepsId(false).build(), time);
  }

  /** Last touches on every connector's builder, e.g. the clock of a time-controlled suite. */
  JdbcConnector.Builder configure(JdbcConnector.Builder builder) {
    return builder;
  }

  /** The JDBC URL of the database under test. */
  protected abstract String jdbcUrl();

  @Override
  protected Connector createConnector(Duration retryAfter) {
    if (pool == null) {
      pool = DataSources.pool(jdbcUrl(), getClass().getSimpleName(), 12);
      table = "jobs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    return configure(
            JdbcConnector.builder()
                .dataSource(pool)
                .wireFormat(wireFormat())
                .table(table)
                .failedTable(table + "_failed")
                .restartTable(table + "_restart")
                .retryAfter(retryAfter)
                .createSchemaIfMissing(true))
        .build();
  }

  @AfterEach
  void dropTables() throws Exception {
    if (pool == null) {
      return;
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + table + "_failed");
      s.execute("DROP TABLE IF EXISTS " + table + "_restart");
      s.execute("DROP TABLE IF EXISTS " + table + "_unique");
    } finally {
      pool.close();
      pool = null;
    }
  }
}
