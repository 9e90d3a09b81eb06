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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.spi.Redaction;

/**
 * PostgreSQL's wake-up: one connection per connector {@code LISTEN}s on the table's channel, and
 * pushes through any {@code JdbcConnector} notify it with the queue's name at commit. Producers
 * that do not notify (PHP's think-queue) are seen by polling at least every {@link
 * #MAX_POLL_INTERVAL}. If the listening connection fails, waiting falls back to polling until it is
 * back.
 *
 * <p>The only class that uses the PostgreSQL driver's types; it is loaded only on PostgreSQL, so
 * the driver, an optional dependency, need not be on the class path of applications on other
 * databases.
 */
final class PgNotifications implements WorkWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotifications.class);

  private final ConnectionSource source;
  private final String channel;
  private final DueTime due;
  private final ReentrantLock lock = new ReentrantLock();

  /** Written under {@link #lock}. */
  private volatile Connection listener;

  PgNotifications(ConnectionSource source, String channel, DueTime due) {
    this.source = source;
    this.channel = channel;
    this.due = due;
  }

  @Override
  public void await(List<String> queues, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // LISTEN before looking for due jobs: a push committed after that look must not go unheard.
    ensureListening();
    long waitMs = Math.min(timeout.toMillis(), due.millisUntilDue(queues));
    if (waitMs > 0) {
      awaitNotification(queues, waitMs, deadline);
    }
  }

  private void awaitNotification(List<String> queues, long waitMs, long deadline)
      throws InterruptedException {
    long until = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs));
    if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
      return;
    }
    try {
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      while (left > 0) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        PGNotification[] got =
            listenerConnection()
                .getNotifications((int) Math.min(left, MAX_POLL_INTERVAL.toMillis()));
        if (got != null) {
          for (PGNotification n : got) {
            if (queues.contains(n.getParameter())) {
              return;
            }
          }
        }
        left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
        // Producers that do not NOTIFY (PHP's think-queue) are seen by polling.
        if (left > 0 && due.millisUntilDue(queues) <= 0) {
          return;
        }
      }
    } catch (SQLException e) {
      closeListener();
      LOG.warn(
          "LISTEN connection failed ({}); polling until it is back",
          Redaction.secrets(e.toString()));
      TimeUnit.MILLISECONDS.sleep(Math.min(waitMs, 500));
    } finally {
      lock.unlock();
    }
  }

  private void ensureListening() {
    if (listener != null || !lock.tryLock()) {
      return; // listening already, or another poller is
    }
    try {
      listenerConnection();
    } catch (SQLException e) {
      closeListener();
      LOG.warn(
          "LISTEN connection failed ({}); polling until it is back",
          Redaction.secrets(e.toString()));
    } finally {
      lock.unlock();
    }
  }

  private PGConnection listenerConnection() throws SQLException {
    if (listener == null || listener.isClosed()) {
      Connection c = source.connect();
      try {
        ConnectionSource.Ownership ownership = source.ownership(c);
        if (ownership == ConnectionSource.Ownership.CALLERS) {
          // A worker waiting on a thread that runs a transaction on this data source: the
          // transaction's connection is not ours to keep.
          throw new SQLException("the data source handed out a connection inside a transaction");
        }
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        if (ownership == ConnectionSource.Ownership.MANUAL) {
          // LISTEN takes effect at commit, and notifications arrive only between transactions.
          c.commit();
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      listener = c;
    }
    return listener.unwrap(PGConnection.class);
  }

  private void closeListener() {
    Connection c = listener;
    listener = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the LISTEN connection failed: {}", Redaction.secrets(e.toString()));
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeListener();
    } finally {
      lock.unlock();
    }
  }
}
