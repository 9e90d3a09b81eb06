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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.jdbc.Dialect;
import org.thinkqueue.spi.UniquePush;

/**
 * The unique keys of one connector's jobs table ({@code JobOptions.uniqueKey}), in the table {@code
 * <table>_unique}: one row per held key, primary key (queue, unique_key), holding the id of the job
 * that took it and, with {@code uniqueFor}, when the hold ends (Unix seconds, the database's
 * clock). Every write runs in the transaction of the job it concerns: the push that inserts the job
 * takes the key, the delete of the job frees it, a release (a new row) moves it to the new id.
 *
 * <p>A push locks the key's row first (inserting it if absent, without failing a transaction on a
 * concurrent insert), so pushes of one key queue up behind each other and see the winner's job. A
 * row whose job no longer exists (deleted by a PHP worker, or by hand) or whose hold expired is
 * taken over: the table heals itself without a sweeper.
 */
public final class UniqueTable {
  /** Inserts the job of a push that took the key; returns its id. */
  @FunctionalInterface
  public interface Insert {
    String insert() throws SQLException;
  }

  private final ConnectionSource source;
  private final String table;
  private final String resource;
  private final Dialect dialect;
  private final String ensure;
  private final String lock;
  private final String jobExists;
  private final String take;
  private final String takeUntil;
  private final String free;
  private final String move;
  private final String deleteJob;
  private volatile boolean checked;

  /**
   * @param jobsTable the jobs table, prefix included; the keys live in {@code <jobsTable>_unique}
   */
  public UniqueTable(ConnectionSource source, JdbcDialect dialect, String jobsTable) {
    this.source = source;
    this.table = jobsTable + "_unique";
    this.dialect = dialect.selector();
    this.resource = ddlResource(this.dialect);
    String now = dialect.nowSeconds();
    String insert = "INSERT INTO " + table + " (queue, unique_key) VALUES (?, ?)";
    this.ensure =
        switch (this.dialect) {
          case POSTGRESQL -> insert + " ON CONFLICT DO NOTHING";
          // An exclusive lock on a duplicate, where a failed plain INSERT takes a shared one that
          // two waiters then both try to upgrade: a deadlock.
          case MYSQL -> insert + " ON DUPLICATE KEY UPDATE queue = queue";
          case H2 -> insert;
        };
    String key = " WHERE queue = ? AND unique_key = ?";
    this.lock = "SELECT job_id, expires_at, " + now + " FROM " + table + key + " FOR UPDATE";
    this.jobExists = "SELECT 1 FROM " + jobsTable + " WHERE id = ?";
    this.take = "UPDATE " + table + " SET job_id = ?, expires_at = NULL" + key;
    this.takeUntil = "UPDATE " + table + " SET job_id = ?, expires_at = " + now + " + ?" + key;
    this.free = "DELETE FROM " + table + key + " AND job_id = ?";
    this.move = "UPDATE " + table + " SET job_id = ?" + key + " AND job_id = ?";
    this.deleteJob = "DELETE FROM " + jobsTable + " WHERE id = ? AND attempts = ?";
  }

  /** The DDL of the table of unique keys for {@code dialect}, a classpath resource. */
  public static String ddlResource(Dialect dialect) {
    return "org/thinkqueue/jdbc/schema/" + dialect.name().toLowerCase(Locale.ROOT) + "-unique.sql";
  }

  /** The table's name. */
  public String table() {
    return table;
  }

  /**
   * Takes {@code key} on {@code queue} and inserts the job, or finds the job holding the key, on
   * {@code c} in its transaction.
   *
   * @param lockFor the hold from now, or null until the job ends
   */
  public UniquePush.Pushed push(
      Connection c, String queue, String key, Duration lockFor, Insert insert) throws SQLException {
    boolean inserted = ensureRow(c, queue, key);
    if (!inserted) {
      String holder = liveHolder(c, queue, key);
      if (holder != null) {
        return new UniquePush.Pushed(holder, false);
      }
    }
    String id = insert.insert();
    try (PreparedStatement ps = c.prepareStatement(lockFor == null ? take : takeUntil)) {
      int p = 1;
      ps.setLong(p++, Long.parseLong(id));
      if (lockFor != null) {
        ps.setLong(p++, seconds(lockFor));
      }
      ps.setString(p++, queue);
      ps.setString(p, key);
      ps.executeUpdate();
    }
    return new UniquePush.Pushed(id, true);
  }

  /** Frees {@code key} if job {@code jobId} holds it, on {@code c} in its transaction. */
  public void free(Connection c, String queue, String key, long jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(free)) {
      ps.setString(1, queue);
      ps.setString(2, key);
      ps.setLong(3, jobId);
      ps.executeUpdate();
    }
  }

  /** Frees {@code key} if job {@code jobId} holds it, in a statement of its own. */
  public void free(String queue, String key, long jobId) {
    Transactions.autoCommit(
        source,
        "free a unique key of '" + queue + "'",
        c -> {
          free(c, queue, key, jobId);
          return null;
        });
  }

  /**
   * A released job's new row keeps the key its old row held: on {@code c}, in the release's
   * transaction.
   */
  public void moved(Connection c, JdbcReservedJob job, String newId) throws SQLException {
    String key = UniquePush.keyOf(job.rawBody());
    if (key == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(move)) {
      ps.setLong(1, Long.parseLong(newId));
      ps.setString(2, job.queue());
      ps.setString(3, key);
      ps.setLong(4, job.rowId());
      ps.executeUpdate();
    }
  }

  /**
   * Deletes the reservations of unique jobs one by one, each freeing its key if it holds it, on
   * {@code c} in the batch's transaction; a reservation that expired and was taken again is left
   * alone, key and all.
   */
  public void deleteAll(Connection c, List<Keyed> jobs) throws SQLException {
    for (Keyed k : jobs) {
      int deleted;
      try (PreparedStatement ps = c.prepareStatement(deleteJob)) {
        ps.setLong(1, k.job().rowId());
        ps.setInt(2, k.job().token());
        deleted = ps.executeUpdate();
      }
      if (deleted == 1) {
        free(c, k.job().queue(), k.key(), k.job().rowId());
      }
    }
  }

  /** A reservation of a job that carries a unique key. */
  public record Keyed(JdbcReservedJob job, String key) {}

  /** The reservations of {@code batch} that carry a unique key, in order. */
  public static List<Keyed> keyed(List<JdbcReservedJob> batch) {
    List<Keyed> out = new ArrayList<>();
    for (JdbcReservedJob j : batch) {
      String key = UniquePush.keyOf(j.rawBody());
      if (key != null) {
        out.add(new Keyed(j, key));
      }
    }
    return out;
  }

  /**
   * Makes sure the key's row exists and locks it for this transaction; true if this call inserted
   * it (the key is free), false if it existed or that is not known.
   */
  private boolean ensureRow(Connection c, String queue, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ensure)) {
      ps.setString(1, queue);
      ps.setString(2, key);
      int n = ps.executeUpdate();
      // MariaDB counts a duplicate as a found row: not known
      return dialect == Dialect.POSTGRESQL && n == 1;
    } catch (SQLException e) {
      if (dialect == Dialect.H2 && "23505".equals(e.getSQLState())) {
        return false; // H2 keeps the transaction after a failed statement
      }
      throw e;
    }
  }

  /** Locks the key's row; the id of a job that holds it and still exists, or null. */
  private String liveHolder(Connection c, String queue, String key) throws SQLException {
    long jobId;
    try (PreparedStatement ps = c.prepareStatement(lock)) {
      ps.setString(1, queue);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        jobId = rs.getLong(1);
        if (rs.wasNull()) {
          return null; // inserted just now, or left by a transaction whose insert failed
        }
        long expiresAt = rs.getLong(2);
        // Strictly before now: a hold of n whole seconds lasts at least n seconds, whatever the
        // fraction of the second the push came in.
        if (!rs.wasNull() && expiresAt < rs.getLong(3)) {
          return null;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(jobExists)) {
      ps.setLong(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.toString(jobId) : null;
      }
    }
  }

  /**
   * Checks once, on a connection of its own, that the table exists: a missing table must not fail
   * the caller's transaction (PostgreSQL would abort it). Call before {@link #push}, outside the
   * push's transaction.
   *
   * @throws ConfigurationException naming the table and the DDL that creates it
   */
  public void requireTable() {
    if (checked) {
      return;
    }
    if (table.length() > 64) {
      throw new ConfigurationException(
          "table",
          table,
          "unique jobs keep their keys in <table>_unique, which must fit in 64 characters;"
              + " shorten the prefix or the table name");
    }
    Transactions.autoCommit(
        source,
        "check the table " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
            ps.executeQuery().close();
          } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) {
              throw new ConfigurationException(
                  "table",
                  table,
                  "unique jobs need it and it does not exist; create it with the DDL in the"
                      + " classpath resource "
                      + resource
                      + " or call JdbcConnector.builder().createSchemaIfMissing(true)");
            }
            throw e;
          }
          return null;
        });
    checked = true;
  }

  /** Whole seconds, rounded up: a hold is never shorter than asked. */
  private static long seconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
