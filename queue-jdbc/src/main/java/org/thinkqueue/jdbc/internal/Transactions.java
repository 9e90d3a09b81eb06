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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.spi.Redaction;

/**
 * The one way this driver talks to the database (db-scheduler's {@code JdbcRunner}): a connection
 * from the {@link ConnectionSource}, used in auto-commit mode or in one transaction, deadlocks and
 * serialization failures run again with jittered back-off, and the {@link SQLException} translated
 * by {@link SqlErrors} at the end.
 *
 * <p>What is done with the connection depends on whose it is ({@link ConnectionSource#ownership}):
 * one of ours in auto-commit mode is switched off for a transaction and always switched back; one
 * of a pool without auto-commit is committed (rolled back on failure) and never switched; the
 * connection of a transaction someone else runs is used inside it, run once (a retry cannot redo
 * the caller's transaction), and never committed, rolled back or switched. Isolation and read-only
 * are never touched.
 */
public final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final int MAX_RETRIES = 6;

  private Transactions() {}

  /** One database operation. */
  @FunctionalInterface
  public interface Operation<T> {
    T run() throws SQLException;
  }

  /** Work on a connection from the source. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} where each statement commits on its own: in auto-commit mode, or committed at
   * the end on a pool without auto-commit, or inside the caller's transaction when the source hands
   * out that.
   *
   * @throws ConnectionException when the database could not be reached or the failure persists
   * @throws QueueDataException when the database refused the statement's data or the statement
   *     itself
   */
  public static <T> T autoCommit(ConnectionSource source, String what, Work<T> work) {
    return run(source, what, false, work);
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws, the
   * whole of it run again on a deadlock or serialization failure; inside the caller's transaction
   * when the source hands out that.
   *
   * @throws ConnectionException when the database could not be reached or the failure persists
   * @throws QueueDataException when the database refused the statement's data or the statement
   *     itself
   */
  public static <T> T inTransaction(ConnectionSource source, String what, Work<T> work) {
    return run(source, what, true, work);
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

  private static <T> T run(
      ConnectionSource source, String what, boolean transaction, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      boolean callers = false;
      try (Connection c = source.connect()) {
        switch (source.ownership(c)) {
          case CALLERS:
            callers = true;
            return work.run(c);
          case MANUAL:
            return committed(c, work);
          default:
            return transaction ? switchedOff(c, work) : work.run(c);
        }
      } catch (SQLException e) {
        if (!callers && attempt < MAX_RETRIES && SqlErrors.isRetryable(e)) {
          sleepJitter(attempt);
          continue;
        }
        throw SqlErrors.translate(
            "Database failed to " + what + (callers ? " in the caller's transaction" : ""), e);
      }
    }
  }

  /** On a connection of a pool without auto-commit: ours, so we end its transaction. */
  private static <T> T committed(Connection c, Work<T> work) throws SQLException {
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollback(c, e);
      throw e;
    }
  }

  /** On an auto-commit connection of ours: auto-commit off for the work, on again whatever came. */
  private static <T> T switchedOff(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    Throwable failure = null;
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      rollback(c, e);
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else {
          // The work is committed: failing now would invite a retry that writes it twice. A
          // connection that cannot switch is broken; the pool drops it. A lost connection (the
          // server went away) is the outage the caller reports already: not a second warning.
          if (SqlErrors.isConnectionFailure(e)) {
            LOG.debug("Could not switch a lost connection back to auto-commit", e);
          } else {
            LOG.warn(
                "Could not switch a connection back to auto-commit: {}",
                Redaction.secrets(e.toString()));
          }
        }
      }
    }
  }

  private static void rollback(Connection c, Throwable failure) {
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
