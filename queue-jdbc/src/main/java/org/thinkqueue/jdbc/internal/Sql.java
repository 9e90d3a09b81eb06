package org.thinkqueue.jdbc.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.thinkqueue.ConnectionException;

/** Retries of deadlocks and serialization failures, and translation of SQL errors. */
public final class Sql {
  private static final int MAX_RETRIES = 6;

  private Sql() {}

  /** One database operation. */
  @FunctionalInterface
  public interface Operation<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code op}, retrying deadlocks, serialization failures and lock wait timeouts with jittered back-off.
   *
   * @throws ConnectionException when it still fails, transient if the database said so
   */
  public static <T> T withRetry(String what, Operation<T> op) {
    for (int attempt = 1; ; attempt++) {
      try {
        return op.run();
      } catch (SQLException e) {
        if (attempt < MAX_RETRIES && isRetryable(e)) {
          sleepJitter(attempt);
          continue;
        }
        throw new ConnectionException("Database failed to " + what + ": " + e.getMessage(), e, isTransient(e));
      }
    }
  }

  /** Deadlock, serialization failure or lock wait timeout: safe to run the whole transaction again. */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        SQLException s = (SQLException) t;
        String state = s.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 1213 || s.getErrorCode() == 1205
            || (state != null && state.startsWith("40") && "H2".equalsIgnoreCase(product(s)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Connection problems (SQL state class 08) and other transient failures. */
  public static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
        || (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")))
        || isRetryable(e);
  }

  /** The statement failed because a table does not exist. */
  public static boolean isMissingTable(SQLException e) {
    String state = e.getSQLState();
    String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    // H2 2.x: 42S02 not found, 42S03 not found with candidates (other case), 42S04 not found in an empty database
    return "42P01".equals(state) || "42S02".equals(state) || "42S03".equals(state) || "42S04".equals(state)
        || "42102".equals(state) || e.getErrorCode() == 1146
        || msg.contains("does not exist") && msg.contains("relation") || msg.contains("doesn't exist");
  }

  private static String product(SQLException e) {
    return e.getClass().getName().startsWith("org.h2") ? "H2" : "";
  }

  private static void sleepJitter(int attempt) {
    long ms = ThreadLocalRandom.current().nextLong(2, 10L * attempt * attempt + 3);
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
