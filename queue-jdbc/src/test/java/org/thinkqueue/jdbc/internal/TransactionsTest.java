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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.QueueDataException;

/**
 * One transaction helper: commit on return, rollback on failure, the whole work run again on a
 * deadlock, and the connection handed back to the data source in the auto-commit mode it came in.
 */
class TransactionsTest {
  private Connection connection;
  private DataSource dataSource;
  private boolean handOutAutoCommit;

  @BeforeEach
  void setUp() throws SQLException {
    connection =
        DriverManager.getConnection("jdbc:h2:mem:tx" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (v INT)");
    }
    // One connection whose close() is a no-op, so the test can read its state after the data source
    // took it back.
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
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

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void workIsCommittedAndTheConnectionGoesBackInItsMode(boolean autoCommit) throws SQLException {
    handOutAutoCommit = autoCommit;
    Transactions.inTransaction(
        dataSource,
        "insert",
        c -> {
          assertThat(c.getAutoCommit()).isFalse();
          return insert(c, 1);
        });
    assertThat(connection.getAutoCommit()).isEqualTo(autoCommit);
    connection.rollback();
    assertThat(count()).as("committed, so a rollback afterwards keeps it").isEqualTo(1);

    Transactions.autoCommit(
        dataSource,
        "insert",
        c -> {
          assertThat(c.getAutoCommit()).isTrue();
          return insert(c, 2);
        });
    assertThat(connection.getAutoCommit()).isEqualTo(autoCommit);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void aFailureRollsTheWholeWorkBack() throws SQLException {
    handOutAutoCommit = true;
    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    dataSource,
                    "insert twice",
                    c -> {
                      insert(c, 1);
                      throw new SQLException("value too long", "22001");
                    }))
        .isInstanceOf(QueueDataException.class)
        .hasMessageContaining("Database failed to insert twice");
    assertThat(count()).isZero();
    assertThat(connection.getAutoCommit()).isTrue();

    assertThatThrownBy(
            () ->
                Transactions.inTransaction(
                    dataSource,
                    "insert",
                    c -> {
                      insert(c, 1);
                      throw new IllegalStateException("handler bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(count()).isZero();
  }

  @Test
  void aDeadlockRunsTheWholeWorkAgainAfterARollback() throws SQLException {
    AtomicInteger runs = new AtomicInteger();
    int rows =
        Transactions.inTransaction(
            dataSource,
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
