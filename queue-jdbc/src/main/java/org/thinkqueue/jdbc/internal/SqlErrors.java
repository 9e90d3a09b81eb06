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

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueException;
import org.thinkqueue.spi.Redaction;

/**
 * Classification of SQL errors at the SPI boundary: a failure to reach the database, or one it may
 * recover from, is a {@link ConnectionException}; a statement the database refused (a value out of
 * range, a constraint, a syntax or schema error) is a {@link QueueDataException}, never a
 * connection failure. Deadlocks and serialization failures are retryable ({@link Transactions} runs
 * them again).
 */
public final class SqlErrors {
  /**
   * SQLState classes of data the database refused: cardinality, data, integrity, triggered change,
   * syntax/access.
   */
  private static final Set<String> DATA_CLASSES =
      Set.of("21", "22", "23", "27", "2B", "2D", "42", "44", "0A");

  /** H2's codes for a closed or broken database connection (it has no class 08 state for them). */
  private static final Set<String> H2_CONNECTION_STATES =
      Set.of("90067", "90098", "90121", "90013", "90020");

  private SqlErrors() {}

  /**
   * Whatever the data source threw: the database could not be reached, so it is a connection
   * failure.
   */
  static final class ConnectFailed extends SQLException {
    private static final long serialVersionUID = 1L;

    ConnectFailed(SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }
  }

  /**
   * The exception for {@code e} at the SPI boundary, its message {@code context: <the driver's
   * message>} with credentials masked.
   */
  public static QueueException translate(String context, SQLException e) {
    // The first line only: PostgreSQL appends "Detail: Failing row contains (...)", the row's
    // values, on the next.
    String message = context + ": " + Redaction.secrets(firstLine(e));
    if (isData(e)) {
      return new QueueDataException(message, e);
    }
    return isTransient(e)
        ? ConnectionException.transientFailure(message, e)
        : ConnectionException.permanent(message, e);
  }

  /**
   * The database refused the statement or its values (SQLState class 21, 22, 23, 27, 42, 44,
   * 0A...), as opposed to failing to run it. Insufficient privilege (42501) is not data: the
   * account is wrong, not the job.
   */
  public static boolean isData(SQLException e) {
    if (e instanceof ConnectFailed
        || isConnectionFailure(e)
        || isRetryable(e)
        || isAccessDenied(e)) {
      return false;
    }
    String state = e.getSQLState();
    if (isPacketTooLarge(e)) {
      return true;
    }
    if (state == null || state.length() < 2 || "42501".equals(state)) {
      return false;
    }
    return DATA_CLASSES.contains(state.substring(0, 2).toUpperCase(Locale.ROOT));
  }

  /**
   * Deadlock, serialization failure or lock wait timeout: safe to run the whole transaction again.
   */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        SQLException s = (SQLException) t;
        String state = s.getSQLState();
        if ("40001".equals(state)
            || "40P01".equals(state)
            || s.getErrorCode() == 1213
            || s.getErrorCode() == 1205
            || (state != null && state.startsWith("40") && "H2".equalsIgnoreCase(product(s)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Trying again later may succeed: the database could not be reached or dropped the connection
   * (class 08, the driver's connection exception types, a pool that timed out), is shutting down or
   * out of resources (57P01-03, class 53), timed the statement out (57014, 55P03), or the
   * transaction lost a race (class 40).
   */
  public static boolean isTransient(SQLException e) {
    if (e instanceof ConnectFailed) {
      return !isAccessDenied(e);
    }
    if (isAccessDenied(e)) {
      return false;
    }
    String state = e.getSQLState();
    return isConnectionFailure(e)
        || e instanceof java.sql.SQLTransientException
        || (state != null
            && (state.startsWith("40")
                || state.startsWith("53")
                || state.equals("57014")
                || state.equals("55P03")
                || state.startsWith("HYT")))
        || isRetryable(e);
  }

  static boolean isConnectionFailure(SQLException e) {
    if (isPacketTooLarge(e)) {
      return false;
    }
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || e instanceof SQLTimeoutException
        || (state != null
            && (state.startsWith("08")
                || state.startsWith("57P")
                || (H2_CONNECTION_STATES.contains(state) && "H2".equals(product(e)))));
  }

  /**
   * MariaDB/MySQL's "packet bigger than max_allowed_packet" (1153, 1301) comes with SQLState 08S01
   * but is about the statement's size, not the connection: a data error.
   */
  private static boolean isPacketTooLarge(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException
          && (((SQLException) t).getErrorCode() == 1153
              || ((SQLException) t).getErrorCode() == 1301)) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("max_allowed_packet")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Wrong credentials (class 28) or insufficient privilege (42501, MariaDB 1142/1044/1045): a setup
   * problem.
   */
  private static boolean isAccessDenied(SQLException e) {
    String state = e.getSQLState();
    int code = e.getErrorCode();
    return (state != null && (state.startsWith("28") || state.equals("42501")))
        || code == 1044
        || code == 1045
        || code == 1142
        || code == 1143;
  }

  /** The statement failed because a table does not exist. */
  public static boolean isMissingTable(SQLException e) {
    String state = e.getSQLState();
    String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    // H2 2.x: 42S02 not found, 42S03 not found with candidates (other case), 42S04 not found in an
    // empty database
    return "42P01".equals(state)
        || "42S02".equals(state)
        || "42S03".equals(state)
        || "42S04".equals(state)
        || "42102".equals(state)
        || e.getErrorCode() == 1146
        || msg.contains("does not exist") && msg.contains("relation")
        || msg.contains("doesn't exist");
  }

  private static String product(SQLException e) {
    return e.getClass().getName().startsWith("org.h2") ? "H2" : "";
  }

  /**
   * The driver's first line: PostgreSQL puts the row's values ("Failing row contains ...") on the
   * next ones.
   */
  private static String firstLine(SQLException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
