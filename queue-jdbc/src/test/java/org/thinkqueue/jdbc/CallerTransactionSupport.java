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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;

/**
 * Issue #12: a push given no connection must not commit, roll back or switch a transaction it finds
 * on the data source. Spring's {@link TransactionAwareDataSourceProxy} hands the transaction's own
 * connection to whoever asks inside a transaction (db-scheduler's documented set-up); a {@link
 * ConnectionJoiner} hands it over explicitly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class CallerTransactionSupport {
  static final String QUEUE = "mail";

  /** More than one chunk on every database (PostgreSQL's chunk is the largest, 5,000). */
  static final int MORE_THAN_ONE_CHUNK = 5_001;

  TestTables tables;
  DataSource transactionAware;
  TransactionTemplate transactions;
  JdbcConnector connector;
  final JobRegistry registry = new JobRegistry();
  QueueManager manager;
  String users;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final List<JdbcConnector> connectors = new CopyOnWriteArrayList<>();

  protected abstract String jdbcUrl();

  @BeforeEach
  void setUp() throws SQLException {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 6, "hj_");
    transactionAware = new TransactionAwareDataSourceProxy(tables.pool);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(tables.pool));
    connector = tables.connector(WireFormat.V3).dataSource(transactionAware).build();
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
    connectors.forEach(JdbcConnector::close);
    manager.close();
    try (Connection c = tables.pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + users);
    }
    tables.close();
  }

  Worker worker() {
    Worker w =
        Worker.builder()
            .manager(manager)
            .queues(QUEUE)
            .sleep(Duration.ofMillis(50))
            .timeout(Duration.ofSeconds(10))
            .stopGrace(Duration.ofSeconds(1))
            .build();
    workers.add(w);
    return w;
  }

  @Test
  void aPushInARolledBackSpringTransactionLeavesNoJobAndTheRollbackSucceeds() {
    registry.handle("SendWelcome", Integer.class, id -> {});
    transactions.executeWithoutResult(
        status -> {
          insertUser(1, "alice");
          manager.connection().push("SendWelcome", 1, QUEUE);
          manager.connection().later(Duration.ofSeconds(30), "SendWelcome", 1, QUEUE);
          assertThat(tables.count()).as("nothing visible before commit").isZero();
          status.setRollbackOnly();
        });

    assertThat(tables.count()).as("the jobs were rolled back with the transaction").isZero();
    assertThat(tables.query("SELECT id FROM " + users))
        .as("the caller's own write was rolled back too")
        .isEmpty();
    assertThat(manager.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(worker().runOnce()).isFalse();
  }

  @Test
  void aPushInAThrowingSpringTransactionIsRolledBackWithIt() {
    registry.handle("SendWelcome", Integer.class, id -> {});
    IllegalStateException failure = new IllegalStateException("the caller's business failed");
    Throwable thrown = null;
    try {
      transactions.executeWithoutResult(
          status -> {
            insertUser(2, "bob");
            manager.connection().push("SendWelcome", 2, QUEUE);
            throw failure;
          });
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown)
        .as("the caller's exception, not a failed rollback (TransactionSystemException)")
        .isSameAs(failure);
    assertThat(tables.count()).isZero();
    assertThat(tables.query("SELECT id FROM " + users)).isEmpty();
  }

  @Test
  void aPushInACommittedSpringTransactionRunsOnceAfterCommit() throws SQLException {
    List<String> greeted = new CopyOnWriteArrayList<>();
    registry.handle("SendWelcome", Integer.class, id -> greeted.add(userName(id)));
    transactions.executeWithoutResult(
        status -> {
          insertUser(7, "carol");
          manager.connection().push("SendWelcome", 7, QUEUE);
          assertThat(tables.count()).as("other connections see nothing before commit").isZero();
        });

    assertThat(tables.count()).isEqualTo(1);
    Worker worker = worker();
    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isFalse();
    assertThat(greeted).containsExactly("carol");
    assertThat(tables.count()).isZero();
  }

  @Test
  void aBulkInASpringTransactionCommitsAndRollsBackWithIt() {
    List<String> payloads = payloads(MORE_THAN_ONE_CHUNK);
    transactions.executeWithoutResult(
        status -> {
          assertThat(connector.bulkRaw(QUEUE, payloads)).hasSize(payloads.size());
          status.setRollbackOnly();
        });
    assertThat(tables.count()).as("no chunk was committed").isZero();

    transactions.executeWithoutResult(
        status -> {
          insertUser(3, "dave");
          connector.bulkRaw(QUEUE, payloads);
          assertThat(tables.count()).as("no chunk is committed before the caller").isZero();
        });
    assertThat(tables.count()).isEqualTo(payloads.size());
    assertThat(tables.query("SELECT id FROM " + users)).hasSize(1);
  }

  @Test
  void aPushOutsideAnyTransactionThroughTheProxyCommitsAtOnce() {
    registry.handle("SendWelcome", Integer.class, id -> {});
    manager.connection().push("SendWelcome", 1, QUEUE);
    assertThat(tables.count()).as("visible from another connection at once").isEqualTo(1);
    connector.bulkRaw(QUEUE, payloads(3));
    assertThat(tables.count()).isEqualTo(4);
    assertThat(worker().runOnce()).isTrue();
    assertThat(tables.count()).isEqualTo(3);
  }

  /**
   * A joiner's connection is used inside its transaction: push and every chunk of a bulk commit or
   * roll back with it, and the connection comes back open, in its mode and isolation.
   */
  @Test
  void aJoinersConnectionCarriesPushAndBulkAndIsLeftAsItWas() throws SQLException {
    AtomicReference<Connection> current = new AtomicReference<>();
    JdbcConnector joining =
        tables.connector(WireFormat.V3).joinTransactions(ds -> current.get()).build();
    connectors.add(joining);
    String payload = payloads(1).get(0);
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      current.set(conn);
      joining.pushRaw(QUEUE, payload, Duration.ZERO);
      joining.bulkRaw(QUEUE, payloads(MORE_THAN_ONE_CHUNK));
      assertThat(tables.count()).as("nothing visible before commit").isZero();
      assertThat(countJobs(conn)).isEqualTo(MORE_THAN_ONE_CHUNK + 1);
      conn.rollback();
      current.set(null);
      assertLeftAsItWas(conn);
      assertThat(tables.count()).as("rolled back, push and bulk alike").isZero();

      current.set(conn);
      joining.pushRaw(QUEUE, payload, Duration.ZERO);
      joining.bulkRaw(QUEUE, payloads(MORE_THAN_ONE_CHUNK));
      assertThat(tables.count()).as("nothing visible before commit").isZero();
      conn.commit();
      current.set(null);
      assertLeftAsItWas(conn);
      assertThat(tables.count()).isEqualTo(MORE_THAN_ONE_CHUNK + 1);

      conn.setAutoCommit(true);
      conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
    joining.pushRaw(QUEUE, payload, Duration.ZERO);
    assertThat(tables.count())
        .as("no joined transaction: committed at once")
        .isEqualTo(MORE_THAN_ONE_CHUNK + 2);
  }

  private static void assertLeftAsItWas(Connection conn) throws SQLException {
    assertThat(conn.isClosed()).isFalse();
    assertThat(conn.getAutoCommit()).isFalse();
    assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
  }

  static List<String> payloads(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("{\"job\":\"Bulk\",\"maxTries\":null,\"timeout\":null,\"data\":" + i + "}");
    }
    return out;
  }

  /** Through the transaction-aware data source, as the caller's own data access code would. */
  void insertUser(int id, String name) {
    try (Connection conn = transactionAware.getConnection();
        PreparedStatement ps =
            conn.prepareStatement("INSERT INTO " + users + " (id, name) VALUES (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, name);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
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
