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
package org.thinkqueue.spring.boot4.actuate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.worker.Worker;

/**
 * Tables of a test's own (prefix {@code ha_} and a random part) in H2 or PostgreSQL, a manager over
 * them, and failed jobs made the real way: a worker runs a job whose handler throws.
 */
final class TestQueues implements AutoCloseable {
  /** The job every test pushes; its handler always throws. */
  static final String FAILING_JOB = "HaFailing";

  final HikariDataSource pool;
  final String table;

  TestQueues(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("ha-" + UUID.randomUUID().toString().substring(0, 8));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    this.pool = new HikariDataSource(config);
    this.table = "ha_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static String h2Url() {
    return "jdbc:h2:mem:ha_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
  }

  static JobRegistry registry() {
    return new JobRegistry()
        .handle(
            FAILING_JOB,
            String.class,
            data -> {
              throw new IllegalStateException("ha handler failed for " + data);
            });
  }

  Connector connector() {
    return JdbcConnector.builder()
        .dataSource(pool)
        .table(table)
        .failedTable(table + "_failed")
        .restartTable(table + "_restart")
        .createSchemaIfMissing(true)
        .build();
  }

  /** A manager with this database as its only connection, named {@code name}. */
  QueueManager manager(String name) {
    return QueueManager.builder()
        .connection(name, connector())
        .defaultQueue("ha-default")
        .registry(registry())
        .build();
  }

  /** Pushes {@code count} failing jobs onto {@code queue} and lets a worker fail each for good. */
  static void failJobs(QueueManager manager, String connection, String queue, int count) {
    for (int i = 0; i < count; i++) {
      manager.connection(connection).push(FAILING_JOB, "order-" + i, queue);
    }
    try (Worker worker =
        Worker.builder()
            .manager(manager)
            .connection(connection)
            .queues(queue)
            .tries(1)
            .sleep(Duration.ofMillis(50))
            .build()) {
      for (int i = 0; i < count; i++) {
        if (!worker.runOnce()) {
          throw new IllegalStateException("the worker found no job " + i + " on " + queue);
        }
      }
    }
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String t :
          new String[] {table, table + "_failed", table + "_restart", table + "_unique"}) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("dropping " + table, e);
    } finally {
      pool.close();
    }
  }
}
