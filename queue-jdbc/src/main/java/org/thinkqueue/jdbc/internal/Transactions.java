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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;

/**
 * The one way this driver talks to the database (db-scheduler's {@code JdbcRunner}): a connection
 * from the data source, used in auto-commit mode or in one transaction, deadlocks and serialization
 * failures run again with jittered back-off, and the {@link SQLException} translated by {@link
 * SqlErrors} at the end. A connection taken from the data source is handed back in the auto-commit
 * mode it came in; a connection of the caller is never passed here.
 */
public final class Transactions {
  private static final int MAX_RETRIES = 6;

  private Transactions() {}

  /** One database operation. */
  @FunctionalInterface
  public interface Operation<T> {
    T run() throws SQLException;
  }

  /** Work on a connection this class opened. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * A connection from {@code dataSource}; any failure to get one is classified as a transient
   * connection failure, whatever SQLState the pool gave it (HikariCP gives none).
   */
  public static Connection connect(DataSource dataSource) throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new SqlErrors.ConnectFailed(e);
    }
  }

  /**
   * Runs {@code work} on a connection in auto-commit mode: each statement commits on its own.
   *
   * @throws ConnectionException when the database could not be reached or the failure persists
   * @throws QueueDataException when the database refused the statement's data or the statement
   *     itself
   */
  public static <T> T autoCommit(DataSource dataSource, String what, Work<T> work) {
    return withRetry(
        what,
        () -> {
          try (Connection c = connect(dataSource)) {
            boolean was = c.getAutoCommit();
            if (!was) {
              c.setAutoCommit(true);
            }
            try {
              return work.run(c);
            } finally {
              if (!was) {
                c.setAutoCommit(false);
              }
            }
          }
        });
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws, the
   * whole of it run again on a deadlock or serialization failure.
   *
   * @throws ConnectionException when the database could not be reached or the failure persists
   * @throws QueueDataException when the database refused the statement's data or the statement
   *     itself
   */
  public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    return withRetry(
        what,
        () -> {
          try (Connection c = connect(dataSource)) {
            boolean was = c.getAutoCommit();
            if (was) {
              c.setAutoCommit(false);
            }
            try {
              T result = work.run(c);
              c.commit();
              return result;
            } catch (SQLException | RuntimeException e) {
              rollback(c, e);
              throw e;
            } finally {
              if (was) {
                c.setAutoCommit(true);
              }
            }
          }
        });
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Runs {@code op}, retrying deadlocks, serialization failures and lock wait timeouts with
   * jittered back-off.
   *
   * @throws ConnectionException when the database could not be reached or the failure persists,
   *     transient if trying again later may help
   * @throws QueueDataException when the database refused the statement's data or the statement
   *     itself
   */
  public static <T> T withRetry(String what, Operation<T> op) {
    for (int attempt = 1; ; attempt++) {
      try {
        return op.run();
      } catch (SQLException e) {
        if (attempt < MAX_RETRIES && SqlErrors.isRetryable(e)) {
          sleepJitter(attempt);
          continue;
        }
        throw SqlErrors.translate("Database failed to " + what, e);
      }
    }
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
