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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

/**
 * Transactional enqueue: {@code push(Connection, ...)} writes in the caller's transaction, so a
 * rollback leaves no job and a commit makes it run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TransactionalPushSupport {
  static final String QUEUE = "mail";

  TestTables tables;
  JdbcConnector connector;
  final JobRegistry registry = new JobRegistry();
  QueueManager manager;
  String users;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  protected abstract String jdbcUrl();

  @BeforeEach
  void setUp() throws SQLException {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 6);
    connector = tables.connector(WireFormat.V3).build();
    manager =
        QueueManager.builder()
            .connection("database", connector)
            .registry(registry)
            .failedJobStore(connector.failedJobStore())
            .build();
    users = tables.table + "_users";
    try (Connection c = tables.pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + users + " (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    workers.forEach(Worker::close);
    manager.close();
    try (Connection c = tables.pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + users);
    }
    tables.close();
  }

  Worker worker(Duration sleep) {
    Worker w =
        Worker.builder()
            .manager(manager)
            .queues(QUEUE)
            .sleep(sleep)
            .timeout(Duration.ofSeconds(10))
            .stopGrace(Duration.ofSeconds(1))
            .build();
    workers.add(w);
    return w;
  }

  @Test
  void aRolledBackTransactionLeavesNoJob() throws SQLException {
    registry.handle("SendWelcome", Integer.class, id -> {});
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 1, "alice");
      String id = manager.connection().push(conn, "SendWelcome", 1, QUEUE);
      assertThat(id).isNotBlank();
      assertThat(countJobs(conn)).as("the job is visible inside the transaction").isEqualTo(1);
      conn.rollback();
      conn.setAutoCommit(true);
    }

    assertThat(tables.count()).isZero();
    assertThat(manager.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(tables.query("SELECT id FROM " + users)).isEmpty();
    assertThat(worker(Duration.ofMillis(50)).runOnce()).isFalse();
  }

  @Test
  void aCommittedJobIsInvisibleUntilCommitThenRuns() throws SQLException {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    registry.handle("SendWelcome", Integer.class, seen::add);
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 7, "bob");
      manager.connection().push(conn, "SendWelcome", 7, QUEUE);
      assertThat(tables.count()).as("other connections see nothing before commit").isZero();
      assertThat(worker(Duration.ofMillis(50)).runOnce()).isFalse();
      conn.commit();
      conn.setAutoCommit(true);
    }
    assertThat(manager.size(QUEUE)).isEqualTo(new QueueSize(1, 0, 0));

    assertThat(worker(Duration.ofMillis(50)).runOnce()).isTrue();

    assertThat(seen).containsExactly(7);
    assertThat(tables.count()).isZero();
  }

  @Test
  void laterInATransactionIsDelayedAfterCommit() throws SQLException {
    registry.handle("SendWelcome", Integer.class, id -> {});
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      manager.connection().later(conn, Duration.ofSeconds(30), "SendWelcome", 3, QUEUE);
      conn.commit();
      conn.setAutoCommit(true);
    }
    assertThat(manager.size(QUEUE)).isEqualTo(new QueueSize(0, 1, 0));
  }

  /**
   * The caller's connection is the caller's: the push leaves its mode, isolation and transaction as
   * they were.
   */
  @Test
  void thePushLeavesTheCallersConnectionAsItWas() throws SQLException {
    registry.handle("SendWelcome", Integer.class, id -> {});
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      insertUser(conn, 9, "erin");
      manager.connection().push(conn, "SendWelcome", 9, QUEUE);
      assertThat(conn.getAutoCommit()).isFalse();
      assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(tables.count()).as("still uncommitted").isZero();
      conn.rollback();
      assertThat(countJobs(conn)).isZero();
      conn.setAutoCommit(
          true); // ends the transaction the count began; PostgreSQL changes isolation only outside
      // one
      conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);

      manager.connection().push(conn, "SendWelcome", 9, QUEUE);
      assertThat(conn.getAutoCommit()).isTrue();
      assertThat(tables.count())
          .as("an auto-commit connection commits the push itself")
          .isEqualTo(1);
    }
  }

  @Test
  void aPushThroughAClosedConnectionFailsClearly() throws SQLException {
    registry.handle("SendWelcome", Integer.class, id -> {});
    Connection conn = tables.pool.getConnection();
    conn.close();

    assertThatThrownBy(() -> manager.connection().push(conn, "SendWelcome", 1, QUEUE))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining("'" + QUEUE + "'");
    assertThat(tables.count()).isZero();
  }

  @Test
  void aConnectionWithoutTransactionalPushRefusesItNamingTheConnection() throws SQLException {
    JobRegistry reg = new JobRegistry();
    reg.handle("SendWelcome", Integer.class, id -> {});
    try (QueueManager memory =
            QueueManager.builder()
                .connection("cache", new MemoryConnector())
                .registry(reg)
                .build();
        Connection conn = tables.pool.getConnection()) {
      assertThatThrownBy(() -> memory.connection().push(conn, "SendWelcome", 1, QUEUE))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("'cache'")
          .hasMessageContaining("MemoryConnector");
    }
  }

  /**
   * How to use it with a plain {@link DataSource}: one connection, auto-commit off, the business
   * write and the push through the same connection, then commit (or roll back both). The handler
   * sees the committed user row.
   */
  @Test
  void withAPlainDataSource() throws Exception {
    DataSource dataSource = tables.pool;
    QueueManager queues = manager;
    List<String> greeted = new CopyOnWriteArrayList<>();
    registry.handle("SendWelcome", Integer.class, userId -> greeted.add(userName(userId)));

    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        insertUser(conn, 42, "carol");
        queues.connection().push(conn, "SendWelcome", 42, QUEUE);
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    }

    assertThat(worker(Duration.ofMillis(50)).runOnce()).isTrue();
    assertThat(greeted).containsExactly("carol");
    assertThat(tables.count()).isZero();
  }

  void insertUser(Connection conn, int id, String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO " + users + " (id, name) VALUES (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  String userName(int id) throws SQLException {
    try (Connection c = tables.pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT name FROM " + users + " WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  long countJobs(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + tables.table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
