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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;

/**
 * One transaction helper: commit on return, rollback on failure, the whole work run again on a
 * deadlock; a connection of ours handed back in the auto-commit mode it came in, one of a pool
 * without auto-commit committed and never switched, and the connection of a transaction the caller
 * runs used inside it, never committed, rolled back or switched (issue #12).
 */
class TransactionsTest {
  /** The calls that end a transaction or change a connection's state. */
  private static final Set<String> STATE_CHANGES =
      Set.of("setAutoCommit", "commit", "rollback", "setTransactionIsolation", "setReadOnly");

  private Connection connection;
  private DataSource dataSource;
  private boolean handOutAutoCommit;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws SQLException {
    connection =
        DriverManager.getConnection("jdbc:h2:mem:tx" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (v INT)");
    }
    // One connection whose close() is a no-op, so the test can read its state after the data source
    // took it back, and which records the calls that change its state.
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  if (STATE_CHANGES.contains(method.getName())) {
                    calls.add(method.getName() + (args == null ? "" : "(" + args[0] + ")"));
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("getConnection")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  connection.setAutoCommit(handOutAutoCommit);
                  return kept;
                });
  }

  @AfterEach
  void tearDown() throws SQLException {
    connection.close();
  }

  /** A source that learned the pool's mode from a connection handed out in {@code autoCommit}. */
  private ConnectionSource pool(boolean autoCommit) throws SQLException {
    handOutAutoCommit = autoCommit;
    try (Connection sample = dataSource.getConnection()) {
      return ConnectionSource.learnedFrom(dataSource, sample);
    }
  }

  @Test
  void anAutoCommitConnectionIsSwitchedOffForATransactionAndBackOn() throws SQLException {
    ConnectionSource source = pool(true);
    Transactions.inTransaction(
        source,
        "insert",
        c -> {
          assertThat(c.getAutoCommit()).isFalse();
          return insert(c, 1);
        });
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(calls).containsExactly("setAutoCommit(false)", "commit", "setAutoCommit(true)");
    assertThat(count()).isEqualTo(1);

    calls.clear();
    Transactions.autoCommit(
        source,
        "insert",
        c -> {
          assertThat(c.getAutoCommit()).isTrue();
          return insert(c, 2);
        });
    assertThat(calls).as("auto-commit work runs as it comes").isEmpty();
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(count()).isEqualTo(2);
  }

  /** Issue #12, item 5: whatever the work does, the connection goes back in auto-commit mode. */
  @Test
  void anAutoCommitConnectionIsSwitchedBackOnWhenTheWorkThrows() throws SQLException {
    ConnectionSource source = pool(true);
    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    source,
                    "insert twice",
                    c -> {
                      insert(c, 1);
                      throw new SQLException("value too long", "22001");
                    }))
        .isInstanceOf(QueueDataException.class)
        .hasMessageContaining("Database failed to insert twice");
    assertThat(count()).isZero();
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(calls).containsExactly("setAutoCommit(false)", "rollback", "setAutoCommit(true)");

    calls.clear();
    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    source,
                    "insert",
                    c -> {
                      insert(c, 1);
                      throw new IllegalStateException("handler bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(count()).isZero();
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(calls).containsExactly("setAutoCommit(false)", "rollback", "setAutoCommit(true)");

    calls.clear();
    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    source,
                    "insert",
                    c -> {
                      insert(c, 1);
                      throw new SQLException("deadlock detected", "40P01");
                    }))
        .as("a deadlock that persists")
        .isInstanceOf(ConnectionException.class);
    assertThat(count()).isZero();
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(calls).last().isEqualTo("setAutoCommit(true)");
  }

  @Test
  void aDeadlockRunsTheWholeWorkAgainAfterARollback() throws SQLException {
    ConnectionSource source = pool(true);
    AtomicInteger runs = new AtomicInteger();
    int rows =
        Transactions.inTransaction(
            source,
            "insert",
            c -> {
              insert(c, runs.incrementAndGet());
              if (runs.get() < 3) {
                throw new SQLException("deadlock detected", "40P01");
              }
              return count(c);
            });
    assertThat(runs).hasValue(3);
    assertThat(rows).as("the first two runs were rolled back").isEqualTo(1);
  }

  /**
   * A pool of auto-commit connections handing out one with auto-commit off: a transaction the
   * caller runs (Spring's TransactionAwareDataSourceProxy). The work runs inside it, once.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theCallersTransactionIsUsedInsideItAndLeftAlone(boolean transaction) throws SQLException {
    ConnectionSource source = pool(true);
    handOutAutoCommit = false;
    Transactions.Work<Integer> work =
        c -> {
          assertThat(c.getAutoCommit()).isFalse();
          return insert(c, 1);
        };
    if (transaction) {
      Transactions.inTransaction(source, "insert", work);
    } else {
      Transactions.autoCommit(source, "insert", work);
    }
    assertThat(calls).as("never committed, rolled back or switched").isEmpty();
    assertThat(connection.getAutoCommit()).isFalse();
    assertThat(count()).as("visible inside the caller's transaction").isEqualTo(1);
    connection.rollback();
    assertThat(count()).as("the caller's rollback takes it back").isZero();

    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    source,
                    "insert",
                    c -> {
                      runs.incrementAndGet();
                      throw new SQLException("deadlock detected", "40P01");
                    }))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("in the caller's transaction");
    assertThat(runs).as("a retry cannot redo the caller's transaction").hasValue(1);
    assertThat(calls).isEmpty();
    assertThat(connection.getAutoCommit()).isFalse();
  }

  /** HikariCP with autoCommit=false: every connection is ours, committed and never switched. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aPoolWithoutAutoCommitIsCommittedAndNeverSwitched(boolean transaction) throws SQLException {
    ConnectionSource source = pool(false);
    Transactions.Work<Integer> work =
        c -> {
          assertThat(c.getAutoCommit()).isFalse();
          return insert(c, 1);
        };
    if (transaction) {
      Transactions.inTransaction(source, "insert", work);
    } else {
      Transactions.autoCommit(source, "insert", work);
    }
    assertThat(calls).containsExactly("commit");
    connection.rollback();
    assertThat(count()).as("committed, so a rollback afterwards keeps it").isEqualTo(1);

    calls.clear();
    assertThatThrownBy(
            () ->
                Transactions.autoCommit(
                    source,
                    "insert",
                    c -> {
                      insert(c, 2);
                      throw new SQLException("value too long", "22001");
                    }))
        .isInstanceOf(QueueDataException.class);
    assertThat(calls).containsExactly("rollback");
    assertThat(count()).isEqualTo(1);
    assertThat(connection.getAutoCommit()).isFalse();
  }

  @Test
  void aSourceLearningOnFirstUseTakesThePoolsModeFromTheFirstConnection() throws SQLException {
    ConnectionSource source = ConnectionSource.learnOnFirstUse(dataSource);
    assertThat(source.autoCommitPool()).isNull();
    handOutAutoCommit = false;
    Transactions.autoCommit(source, "insert", c -> insert(c, 1));
    assertThat(source.autoCommitPool()).isFalse();
    assertThat(calls).containsExactly("commit");
  }

  private static int insert(Connection c, int v) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO t VALUES (" + v + ")");
    }
  }

  private int count() throws SQLException {
    return count(connection);
  }

  private static int count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
