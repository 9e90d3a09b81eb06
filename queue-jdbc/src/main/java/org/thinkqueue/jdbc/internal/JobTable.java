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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.thinkqueue.QueueSize;

/**
 * The writes and reads of one connector's table other than the claim ({@link Reservation}) and
 * deletes ({@link BatchedDeletes}). Inserts run on a connection they are given, in its transaction;
 * on PostgreSQL with notifications on, an insert also notifies the table's channel with the queue's
 * name (delivered at commit).
 */
public final class JobTable {
  private final ConnectionSource source;
  private final TableLayout layout;
  private final JdbcDialect dialect;
  private final String channel;
  private final UniqueTable uniques;

  /**
   * @param channel the {@code LISTEN/NOTIFY} channel, or null when pushes do not notify
   * @param uniques the table's unique keys, which a released job keeps
   */
  public JobTable(
      ConnectionSource source,
      TableLayout layout,
      JdbcDialect dialect,
      String channel,
      UniqueTable uniques) {
    this.source = source;
    this.layout = layout;
    this.dialect = dialect;
    this.channel = channel;
    this.uniques = uniques;
  }

  /** Inserts one job due in {@code delaySeconds}; returns its id. */
  public String insert(Connection c, String queue, String payload, int attempts, long delaySeconds)
      throws SQLException {
    boolean notify = channel != null;
    try (PreparedStatement ps =
        notify
            ? c.prepareStatement(layout.insertNotify())
            : c.prepareStatement(layout.insert(), Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, queue);
      ps.setString(2, payload);
      ps.setInt(3, attempts);
      ps.setLong(4, delaySeconds);
      if (notify) {
        ps.setString(5, channel);
        ps.setString(6, queue);
      }
      try (ResultSet rs = notify ? ps.executeQuery() : executeForKeys(ps)) {
        if (!rs.next()) {
          throw new SQLException("No generated id returned for the insert into " + layout.table());
        }
        return Long.toString(rs.getLong(1));
      }
    }
  }

  private static ResultSet executeForKeys(PreparedStatement ps) throws SQLException {
    ps.executeUpdate();
    return ps.getGeneratedKeys();
  }

  /** Inserts jobs ready now, in order; returns their ids in order. */
  public List<String> insertBatch(Connection c, String queue, List<String> payloads)
      throws SQLException {
    return dialect.insertBatch(c, layout, queue, payloads, channel).stream()
        .map(String::valueOf)
        .toList();
  }

  /**
   * Deletes the reservation and inserts the job again due in {@code delaySeconds}, in one
   * transaction (think-queue uses two), so a crash between them loses nothing. A reservation that
   * expired and was taken again is left alone. A unique job's new row keeps its key.
   */
  public void release(JdbcReservedJob job, long delaySeconds) {
    reinsert(job, delaySeconds, job.rawBody(), layout.attemptsOnRelease(job), "release");
  }

  /**
   * Deletes the reservation and inserts the job again with {@code payload} and {@code attempts},
   * due in {@code delaySeconds}, in one transaction; a unique job's new row keeps its key. A
   * reservation that expired and was taken again is left alone.
   */
  public void reinsert(
      JdbcReservedJob job, long delaySeconds, String payload, int attempts, String verb) {
    Transactions.inTransaction(
        source,
        verb + " job " + job.id() + " to '" + job.queue() + "'",
        c -> {
          int deleted;
          try (PreparedStatement ps = c.prepareStatement(layout.delete())) {
            ps.setLong(1, job.rowId());
            ps.setInt(2, job.token());
            deleted = ps.executeUpdate();
          }
          if (deleted == 1) {
            uniques.moved(c, job, insert(c, job.queue(), payload, attempts, delaySeconds));
          }
          return deleted;
        });
  }

  /** Renews the reservation's time; false if it expired and was taken again or the job is gone. */
  public boolean extend(JdbcReservedJob job) {
    return Transactions.autoCommit(
        source,
        "extend job " + job.id(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(layout.extend())) {
            ps.setLong(1, job.rowId());
            ps.setInt(2, job.token());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Ready, delayed and reserved counts of {@code queue}. */
  public QueueSize size(String queue) {
    return Transactions.autoCommit(
        source,
        "count '" + queue + "'",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(layout.size())) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new QueueSize(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
          }
        });
  }
}
