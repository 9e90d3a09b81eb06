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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.testkit.TimeControl;
import org.thinkqueue.testkit.UniqueJobsContract;

/**
 * The unique-jobs contract on one database, plus what only the table of keys does: a key whose job
 * row is gone is taken over, keys compare byte for byte, a joined transaction takes the key, and a
 * missing table is named with its DDL. Each test gets its own tables, dropped afterwards.
 */
abstract class JdbcUniqueJobsSupport extends UniqueJobsContract {
  private HikariDataSource pool;
  private String table;

  JdbcUniqueJobsSupport() {
    this(TimeControl.sleeping());
  }

  JdbcUniqueJobsSupport(TimeControl time) {
    super(time, true);
  }

  /** The JDBC URL of the database under test. */
  protected abstract String jdbcUrl();

  /** Last touches on every connector's builder, e.g. the clock of a time-controlled suite. */
  JdbcConnector.Builder configure(JdbcConnector.Builder builder) {
    return builder;
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return builder(retryAfter).build();
  }

  private JdbcConnector.Builder builder(Duration retryAfter) {
    if (pool == null) {
      pool = DataSources.pool(jdbcUrl(), getClass().getSimpleName(), 24);
      table = "uq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    return configure(
        JdbcConnector.builder()
            .dataSource(pool)
            .wireFormat(WireFormat.V3)
            .table(table)
            .failedTable(table + "_failed")
            .restartTable(table + "_restart")
            .retryAfter(retryAfter)
            .createSchemaIfMissing(true));
  }

  @Override
  protected Connection openConnection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  protected void cleanUp(List<String> queues) throws SQLException {
    if (pool == null) {
      return;
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String t : List.of(table, table + "_failed", table + "_restart", table + "_unique")) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    } finally {
      pool.close();
      pool = null;
    }
  }

  private QueueManager manager(Connector connector) {
    return QueueManager.builder()
        .connection("db", connector)
        .registry(new JobRegistry().handle(JOB, String.class, d -> {}))
        .failedJobStore(new MemoryFailedJobStore())
        .build();
  }

  private int update(String sql, Object... params) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  @Test
  void aKeyWhoseJobRowIsGoneIsTakenOver() throws SQLException {
    try (JdbcConnector connector = builder(Duration.ofSeconds(60)).build();
        QueueManager m = manager(connector)) {
      String id = m.push(JOB, "a", queue, JobOptions.uniqueKey("gone"));
      assertThat(m.push(JOB, "b", queue, JobOptions.uniqueKey("gone"))).isEqualTo(id);
      // Deleted as a PHP worker deletes: the row only, the key left behind.
      assertThat(update("DELETE FROM " + table + " WHERE id = ?", Long.parseLong(id))).isOne();

      String next = m.push(JOB, "c", queue, JobOptions.uniqueKey("gone"));
      assertThat(next).isNotEqualTo(id);
      assertThat(m.size(queue).total()).isEqualTo(1);
      assertThat(m.push(JOB, "d", queue, JobOptions.uniqueKey("gone"))).isEqualTo(next);
    }
  }

  @Test
  void keysCompareExactly() {
    try (JdbcConnector connector = builder(Duration.ofSeconds(60)).build();
        QueueManager m = manager(connector)) {
      List<String> keys = List.of("Key", "key", "key ", "kéy", "ke\u0301y", "😀");
      for (String k : keys) {
        m.push(JOB, k, queue, JobOptions.uniqueKey(k));
      }
      assertThat(m.size(queue).total()).as("one job per distinct key").isEqualTo(keys.size());
      for (String k : keys) {
        m.push(JOB, k, queue, JobOptions.uniqueKey(k));
      }
      assertThat(m.size(queue).total()).isEqualTo(keys.size());
    }
  }

  @Test
  void aPushInAJoinedTransactionTakesTheKeyInIt() throws SQLException {
    AtomicReference<Connection> transaction = new AtomicReference<>();
    try (JdbcConnector joining =
            builder(Duration.ofSeconds(60)).joinTransactions(ds -> transaction.get()).build();
        QueueManager m = manager(joining);
        Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      transaction.set(c);
      String id = m.push(JOB, "joined", queue, JobOptions.uniqueKey("joined"));
      assertThat(m.push(JOB, "again", queue, JobOptions.uniqueKey("joined"))).isEqualTo(id);
      c.rollback();
      transaction.set(null);

      assertThat(m.size(queue).total()).isZero();
      assertThat(m.push(JOB, "after", queue, JobOptions.uniqueKey("joined"))).isNotEqualTo(id);
      assertThat(m.size(queue).total()).isEqualTo(1);
    }
  }

  @Test
  void aMissingTableOfKeysIsNamedWithItsDdlAndPlainPushesGoOn() throws SQLException {
    try (JdbcConnector connector = builder(Duration.ofSeconds(60)).build();
        QueueManager m = manager(connector)) {
      update("DROP TABLE " + table + "_unique");
      assertThatThrownBy(() -> m.push(JOB, "a", queue, JobOptions.uniqueKey("k")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(table + "_unique")
          .hasMessageContaining("-unique.sql");
      m.push(JOB, "plain", queue);
      assertThat(m.size(queue).total()).isEqualTo(1);
    }
  }
}
