package org.thinkqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.thinkqueue.ConnectionException;

/** Deadlocks and serialization failures are run again inside the driver; other errors surface at once. */
class SqlRetryTest {

  static Stream<SQLException> retryable() {
    return Stream.of(
        new SQLException("could not serialize access due to concurrent update", "40001"),
        new SQLException("deadlock detected", "40P01"),
        new SQLException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213),
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
    assertThat(Sql.isRetryable(e)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void otherErrorsAreNot(SQLException e) {
    assertThat(Sql.isRetryable(e)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void aRetryableErrorIsRunAgainUntilItSucceeds(SQLException e) {
    AtomicInteger calls = new AtomicInteger();
    String result = Sql.withRetry("reserve from 'q'", () -> {
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
  void aNonRetryableErrorIsThrownAtOnceAsConnectionException(SQLException e) {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Sql.withRetry("push to 'q'", () -> {
      calls.incrementAndGet();
      throw e;
    })).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("push to 'q'")
        .hasMessageContaining(e.getMessage())
        .hasCause(e);
    assertThat(calls).hasValue(1);
  }

  @Test
  void transientnessFollowsTheError() {
    ConnectionException duplicate = catchConnectionException(new SQLException("duplicate", "23505"));
    ConnectionException refused = catchConnectionException(new SQLException("Connection refused", "08001"));
    ConnectionException pool = catchConnectionException(new SQLTransientConnectionException("pool timed out"));
    assertThat(duplicate.isTransient()).isFalse();
    assertThat(refused.isTransient()).isTrue();
    assertThat(pool.isTransient()).isTrue();
  }

  @Test
  void aDeadlockThatNeverClearsGivesUpAfterBoundedRetriesAsTransient() {
    AtomicInteger calls = new AtomicInteger();
    SQLException deadlock = new SQLException("deadlock detected", "40P01");
    assertThatThrownBy(() -> Sql.withRetry("delete job 1", () -> {
      calls.incrementAndGet();
      throw deadlock;
    })).isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.isTransient()).isTrue())
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
    assertThat(Sql.isMissingTable(e)).isTrue();
    assertThat(Sql.isRetryable(e)).isFalse();
  }

  @Test
  void otherErrorsAreNotMissingTables() {
    assertThat(Sql.isMissingTable(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(Sql.isMissingTable(new SQLException("Connection refused", "08001"))).isFalse();
  }

  private static ConnectionException catchConnectionException(SQLException e) {
    try {
      Sql.withRetry("x", () -> {
        throw e;
      });
    } catch (ConnectionException c) {
      return c;
    }
    throw new AssertionError("no exception");
  }
}
