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

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueException;

/**
 * Deadlocks and serialization failures are run again inside the driver; other errors surface at
 * once.
 */
class SqlErrorsTest {

  static Stream<SQLException> retryable() {
    return Stream.of(
        new SQLException("could not serialize access due to concurrent update", "40001"),
        new SQLException("deadlock detected", "40P01"),
        new SQLException(
            "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213),
        new SQLException("Deadlock found (state not set by the driver)", null, 1213),
        new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205),
        new SQLException("wrapped", "HY000", new SQLException("deadlock detected", "40P01")));
  }

  static Stream<SQLException> notRetryable() {
    return Stream.of(
        new SQLException("duplicate key value violates unique constraint", "23505"),
        new SQLException("relation \"jobs\" does not exist", "42P01"),
        new SQLException("Table 'test.jobs' doesn't exist", "42S02", 1146),
        new SQLException("Connection refused", "08001"));
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void retryableErrorsAreRecognised(SQLException e) {
    assertThat(SqlErrors.isRetryable(e)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void otherErrorsAreNot(SQLException e) {
    assertThat(SqlErrors.isRetryable(e)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void aRetryableErrorIsRunAgainUntilItSucceeds(SQLException e) {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Transactions.withRetry(
            "reserve from 'q'",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw e;
              }
              return "reserved";
            });
    assertThat(result).isEqualTo("reserved");
    assertThat(calls).hasValue(3);
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void aNonRetryableErrorIsThrownAtOnce(SQLException e) {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Transactions.withRetry(
                    "push to 'q'",
                    () -> {
                      calls.incrementAndGet();
                      throw e;
                    }))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("push to 'q'")
        .hasMessageContaining(e.getMessage())
        .hasCause(e);
    assertThat(calls).hasValue(1);
  }

  /** What PostgreSQL, MariaDB and H2 say when they refuse a value or a statement. */
  static Stream<SQLException> dataErrors() {
    return Stream.of(
        new SQLException("ERROR: value too long for type character varying(255)", "22001"),
        new SQLException("ERROR: bigint out of range", "22003"),
        new SQLException(
            "(conn=5) Out of range value for column 'available_time' at row 1", "22003", 1264),
        new SQLException("(conn=5) Data too long for column 'queue' at row 1", "22001", 1406),
        new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"),
        new SQLException("duplicate key value violates unique constraint", "23505"),
        new SQLException(
            "ERROR: null value in column \"payload\" violates not-null constraint", "23502"),
        new SQLException("ERROR: syntax error at or near \"FORM\"", "42601"),
        new SQLException("relation \"jobs\" does not exist", "42P01"),
        new SQLException("Table 'test.jobs' doesn't exist", "42S02", 1146),
        new SQLException(
            "wrapped by a pool", "22003", new SQLException("bigint out of range", "22003")));
  }

  @ParameterizedTest
  @MethodSource("dataErrors")
  void aDataErrorIsAQueueDataExceptionNeverAConnectionException(SQLException e) {
    assertThatThrownBy(
            () ->
                Transactions.withRetry(
                    "push to 'q'",
                    () -> {
                      throw e;
                    }))
        .isExactlyInstanceOf(QueueDataException.class)
        .isNotInstanceOf(ConnectionException.class)
        .hasMessageContaining("push to 'q'")
        .hasCause(e);
  }

  /**
   * The database could not be reached, dropped the connection, is shutting down or out of
   * resources.
   */
  static Stream<SQLException> transientConnectionErrors() {
    return Stream.of(
        new SQLException("Connection refused", "08001"),
        new SQLException("An I/O error occurred while sending to the backend.", "08006"),
        new SQLException("terminating connection due to administrator command", "57P01"),
        new SQLException("the database system is shutting down", "57P03"),
        new SQLException("sorry, too many clients already", "53300"),
        new SQLException("could not extend file: No space left on device", "53100"),
        new SQLException("canceling statement due to statement timeout", "57014"),
        new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out"),
        new java.sql.SQLNonTransientConnectionException("Socket fail to connect to host", "08000"),
        new java.sql.SQLRecoverableException("connection reset"));
  }

  @ParameterizedTest
  @MethodSource("transientConnectionErrors")
  void aConnectionFailureIsATransientConnectionException(SQLException e) {
    assertThat(catchConnectionException(e).isTransient()).isTrue();
  }

  @Test
  void anyFailureToGetAConnectionIsATransientConnectionFailure() throws Exception {
    // HikariCP's "has been closed" carries no SQLState; failing to get a connection is what
    // matters.
    com.zaxxer.hikari.HikariDataSource closed = new com.zaxxer.hikari.HikariDataSource();
    closed.setJdbcUrl("jdbc:h2:mem:closed");
    closed.close();
    assertThatThrownBy(
            () ->
                Transactions.withRetry(
                    "reserve from 'q'",
                    () -> {
                      try (java.sql.Connection c = Transactions.connect(closed)) {
                        return c.isValid(1);
                      }
                    }))
        .isInstanceOfSatisfying(
            ConnectionException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("has been closed");
  }

  @Test
  void wrongCredentialsAndMissingPrivilegesAreNotDataAndNotTransient() {
    for (SQLException e :
        List.of(
            new SQLException("password authentication failed for user \"queue\"", "28P01"),
            new SQLException("(conn=9) Access denied for user 'queue'@'localhost'", "28000", 1045),
            new SQLException("permission denied for table jobs", "42501"),
            new SQLException(
                "(conn=9) INSERT command denied to user 'queue'@'localhost' for table 'jobs'",
                "42000",
                1142))) {
      assertThat(catchConnectionException(e).isTransient()).as(e.getMessage()).isFalse();
    }
  }

  @Test
  void transientnessFollowsTheError() {
    ConnectionException refused =
        catchConnectionException(new SQLException("Connection refused", "08001"));
    ConnectionException pool =
        catchConnectionException(new SQLTransientConnectionException("pool timed out"));
    assertThat(refused.isTransient()).isTrue();
    assertThat(pool.isTransient()).isTrue();
  }

  @Test
  void aPacketOverMaxAllowedPacketIsAboutTheDataNotTheConnection() {
    // MariaDB's server reply (1153, SQLState 08S01) and its driver's own refusal before sending.
    SQLException server =
        new SQLException("Got a packet bigger than 'max_allowed_packet' bytes", "08S01", 1153);
    SQLException client =
        new java.sql.SQLNonTransientConnectionException(
            "(conn=12) Could not send query: query size 70000000 is >= to max_allowed_packet (67108864)",
            "08000");
    assertThat(SqlErrors.translate("Database failed to push to 'q'", server))
        .isInstanceOf(QueueDataException.class);
    assertThat(SqlErrors.translate("Database failed to push to 'q'", client))
        .isInstanceOf(QueueDataException.class);
  }

  @Test
  void theRowValuesPostgresqlAddsToAnErrorStayOutOfTheMessage() {
    // PSQLException's text as PostgreSQL 15 sends it for a CHECK violation on INSERT: the Detail
    // line holds the row.
    SQLException e =
        new SQLException(
            "ERROR: new row for relation \"jobs\" violates check constraint \"jobs_c\"\n"
                + "  Detail: Failing row contains (7, q, {\"job\":\"T\",\"data\":{\"email\":\"ann@example.com\"}}, 0).",
            "23514");
    QueueException q = SqlErrors.translate("Database failed to push to 'q'", e);
    assertThat(q).isInstanceOf(QueueDataException.class);
    assertThat(q.getMessage())
        .contains("violates check constraint")
        .doesNotContain("ann@example.com")
        .doesNotContain("Failing row");
  }

  @Test
  void aJdbcUrlInADriverMessageHasItsPasswordMasked() {
    SQLException e =
        new SQLException(
            "Cannot connect to jdbc:postgresql://queue:S3cr3t@db:5432/app"
                + "?password=S3cr3t&ssl=true",
            "08001");
    assertThatThrownBy(
            () ->
                Transactions.withRetry(
                    "reserve from 'q'",
                    () -> {
                      throw e;
                    }))
        .isInstanceOf(ConnectionException.class)
        .hasMessageNotContaining("S3cr3t")
        .hasMessageContaining("jdbc:postgresql://queue:****@db:5432/app");
  }

  @Test
  void aDeadlockThatNeverClearsGivesUpAfterBoundedRetriesAsTransient() {
    AtomicInteger calls = new AtomicInteger();
    SQLException deadlock = new SQLException("deadlock detected", "40P01");
    assertThatThrownBy(
            () ->
                Transactions.withRetry(
                    "delete job 1",
                    () -> {
                      calls.incrementAndGet();
                      throw deadlock;
                    }))
        .isInstanceOfSatisfying(
            ConnectionException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasCause(deadlock);
    assertThat(calls.get()).isBetween(3, 10);
  }

  static Stream<SQLException> missingTable() {
    return Stream.of(
        new SQLException("ERROR: relation \"jobs\" does not exist", "42P01"),
        new SQLException("Table 'test.jobs' doesn't exist", "42S02", 1146),
        new SQLException("Table \"JOBS\" not found", "42S02", 42102),
        new SQLException("Table \"JOBS\" not found (candidates are: \"jobs\")", "42S03", 42103),
        new SQLException("Table \"JOBS\" not found (this database is empty)", "42S04", 42104));
  }

  @ParameterizedTest
  @MethodSource("missingTable")
  void missingTablesAreRecognisedOnEachDatabase(SQLException e) {
    assertThat(SqlErrors.isMissingTable(e)).isTrue();
    assertThat(SqlErrors.isRetryable(e)).isFalse();
  }

  @Test
  void otherErrorsAreNotMissingTables() {
    assertThat(SqlErrors.isMissingTable(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(SqlErrors.isMissingTable(new SQLException("Connection refused", "08001"))).isFalse();
  }

  private static ConnectionException catchConnectionException(SQLException e) {
    try {
      Transactions.withRetry(
          "x",
          () -> {
            throw e;
          });
    } catch (ConnectionException c) {
      return c;
    }
    throw new AssertionError("no exception");
  }
}
