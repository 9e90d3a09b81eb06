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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.internal.MultiRowInsert;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.worker.Worker;

/**
 * Publishing inside the caller's transaction, through {@code publish(Connection, ...)} or a {@link
 * ConnectionJoiner}: rolled back, none of the subscribers' jobs exists; committed, all of them run;
 * a publish that fails part way leaves none of its jobs in the transaction, even when the caller
 * commits the rest of it; the caller's connection keeps its mode and isolation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TransactionalFanOutSupport {
  static final String EVENT = "fo.user.registered";
  static final List<String> JOBS =
      List.of("FoWelcomeEmail", "FoSalesRepMessage", "FoMarketingPush");

  TestTables tables;
  List<String> queues;
  JobRegistry registry;
  QueueManager manager;
  String users;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  protected abstract String jdbcUrl();

  /**
   * Whether a failed statement aborts the whole transaction (PostgreSQL), rather than only itself
   * (MariaDB, H2).
   */
  boolean failedStatementAbortsTransaction() {
    return false;
  }

  @BeforeEach
  void setUp() throws SQLException {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 6, "fo_");
    String base = "fo_" + UUID.randomUUID().toString().substring(0, 8);
    queues = List.of(base + "_email", base + "_sales", base + "_marketing");
    registry = new JobRegistry();
    for (int i = 0; i < 3; i++) {
      registry.subscribe(EVENT, JOBS.get(i), queues.get(i));
    }
    manager = manager(tables.connector(WireFormat.V3).build());
    users = tables.table + "_users";
    try (Connection c = tables.pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + users + " (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
    }
  }

  private QueueManager manager(JdbcConnector connector) {
    QueueManager m =
        QueueManager.builder()
            .connection("database", connector)
            .registry(registry)
            .failedJobStore(connector.failedJobStore())
            .build();
    closeables.add(m);
    return m;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    try (Connection c = tables.pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + users);
    }
    tables.close();
  }

  private long jobs() {
    long n = 0;
    for (String q : queues) {
      n += manager.size(q).total();
    }
    return n;
  }

  @Test
  void aRolledBackPublishLeavesNoJobAndTheConnectionAsItWas() throws SQLException {
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      insertUser(conn, 1, "alice");
      List<String> ids = manager.connection().publish(conn, EVENT, Map.of("user", 1));
      assertThat(ids).hasSize(3).doesNotHaveDuplicates();
      assertThat(countJobs(conn)).as("visible inside the transaction").isEqualTo(3);
      assertThat(jobs()).as("invisible outside it before the commit").isZero();
      assertThat(conn.getAutoCommit()).isFalse();
      assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      conn.rollback();
      conn.setAutoCommit(true);
      conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
    assertThat(jobs()).isZero();
    assertThat(tables.count()).isZero();
  }

  @Test
  void aCommittedPublishRunsEverySubscriber() throws SQLException {
    Map<String, List<Object>> seen = new ConcurrentHashMap<>();
    for (String job : JOBS) {
      registry.handle(
          job, Map.class, d -> seen.computeIfAbsent(job, k -> new CopyOnWriteArrayList<>()).add(d));
    }
    List<String> ids;
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 2, "bob");
      ids = manager.connection().publish(conn, EVENT, Map.of("user", 2));
      conn.commit();
      conn.setAutoCommit(true);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(manager.size(queues.get(i))).isEqualTo(new QueueSize(1, 0, 0));
      assertThat(idOn(queues.get(i))).as("id of subscriber %d", i).isEqualTo(ids.get(i));
    }
    try (Worker worker = Worker.builder().manager(manager).queues(queues).build()) {
      while (worker.runOnce()) {
        // drain
      }
    }
    for (String job : JOBS) {
      assertThat(seen.get(job)).as(job).containsExactly(Map.of("user", 2));
    }
  }

  /**
   * The constraint refuses the second subscriber's row. The caller goes on and commits: its own
   * write stays (where the database lets a transaction go on after a failed statement), and none of
   * the publish's jobs do, not even the first subscriber's.
   */
  @Test
  void aPublishFailingPartWayLeavesNoneOfItsJobsInTheCallersTransaction() throws SQLException {
    tables.update(
        "ALTER TABLE "
            + tables.table
            + " ADD CONSTRAINT "
            + tables.table
            + "_refuse CHECK (queue <> '"
            + queues.get(1)
            + "')");
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 3, "carol");
      assertThatThrownBy(() -> manager.connection().publish(conn, EVENT, Map.of("user", 3)))
          .isInstanceOf(QueueDataException.class)
          .hasMessageContaining(queues.get(0))
          .hasMessageContaining("caller's transaction");
      try {
        conn.commit();
      } catch (SQLException aborted) {
        // PostgreSQL's driver refuses to commit a transaction a failed statement aborted
        conn.rollback();
      }
      conn.setAutoCommit(true);
    }
    assertThat(jobs()).isZero();
    assertThat(tables.count()).isZero();
    if (!failedStatementAbortsTransaction()) {
      assertThat(tables.query("SELECT name FROM " + users))
          .as("the caller's own write, committed after the failed publish")
          .hasSize(1);
    }
  }

  /**
   * Above one statement's rows the insert takes several statements under a savepoint: a failure in
   * the last one still leaves none of the rows in the caller's transaction.
   */
  @Test
  void moreRowsThanOneStatementTakesAreStillAllOrNone() throws SQLException {
    JdbcConnector connector = (JdbcConnector) manager.connection().connector();
    int n = MultiRowInsert.MAX_ROWS + 5;
    List<RawPush> pushes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pushes.add(
          new RawPush(queues.get(0), "{\"job\":\"FoBulk\",\"data\":" + i + "}", Duration.ZERO));
    }
    List<RawPush> lastRefused = new ArrayList<>(pushes);
    lastRefused.set(
        n - 1, new RawPush(queues.get(1), "{\"job\":\"FoBulk\",\"data\":-1}", Duration.ZERO));
    tables.update(
        "ALTER TABLE "
            + tables.table
            + " ADD CONSTRAINT "
            + tables.table
            + "_refuse CHECK (queue <> '"
            + queues.get(1)
            + "')");
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 8, "dave");
      assertThatThrownBy(() -> connector.pushAll(conn, lastRefused))
          .isInstanceOf(QueueDataException.class);
      if (!failedStatementAbortsTransaction()) {
        assertThat(countJobs(conn)).as("inside the transaction, after the failure").isZero();
        List<String> ids = connector.pushAll(conn, pushes);
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
        assertThat(ids.stream().map(Long::parseLong).toList()).isSorted();
      }
      try {
        conn.commit();
      } catch (SQLException aborted) {
        conn.rollback();
      }
      conn.setAutoCommit(true);
    }
    assertThat(tables.count()).isEqualTo(failedStatementAbortsTransaction() ? 0 : n);
    assertThat(jobs()).isEqualTo(failedStatementAbortsTransaction() ? 0 : n);
    assertThat(connector.pushAll(lastRefused.subList(0, n - 1))).hasSize(n - 1);
  }

  @Test
  void aJoinedTransactionCarriesThePublish() throws SQLException {
    AtomicReference<Connection> current = new AtomicReference<>();
    QueueManager joining =
        manager(tables.connector(WireFormat.V3).joinTransactions(ds -> current.get()).build());
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      current.set(conn);
      joining.publish(EVENT, Map.of("user", 4));
      assertThat(countJobs(conn)).isEqualTo(3);
      assertThat(jobs()).as("nothing visible before the commit").isZero();
      conn.rollback();
      assertThat(jobs()).as("rolled back").isZero();

      joining.publish(EVENT, Map.of("user", 5));
      conn.commit();
      current.set(null);
      assertThat(conn.getAutoCommit()).isFalse();
      conn.setAutoCommit(true);
    }
    assertThat(jobs()).isEqualTo(3);
  }

  @Test
  void aConnectionWithoutTransactionalPushRefusesATransactionalPublish() throws SQLException {
    try (QueueManager memory =
            QueueManager.builder()
                .connection("cache", new MemoryConnector())
                .registry(registry)
                .build();
        Connection conn = tables.pool.getConnection()) {
      assertThatThrownBy(() -> memory.connection().publish(conn, EVENT, Map.of("user", 6)))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("'cache'")
          .hasMessageContaining("MemoryConnector");
    }
  }

  private String idOn(String queue) {
    return tables
        .query("SELECT id FROM " + tables.table + " WHERE queue = ?", queue)
        .get(0)
        .get("id")
        .toString();
  }

  private void insertUser(Connection conn, int id, String name) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + users + " VALUES (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  private long countJobs(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + tables.table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
