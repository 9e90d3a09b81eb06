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

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.thinkqueue.WireFormat;

/**
 * think-queue's {@code jobs} table in one wire format on one database: the columns and predicates
 * of 1.x ({@code reserved, reserved_at, available_at, created_at}) or 3.x ({@code reserve_time,
 * available_time, create_time}), every statement's text built once, and how the stored {@code
 * attempts} maps to the attempt a handler sees. Immutable.
 */
public final class TableLayout {
  private static final String LOCK = " FOR UPDATE SKIP LOCKED";

  private final WireFormat format;
  private final String table;
  private final Duration retryAfter;
  private final int attemptsCap;
  private final String insert;
  private final String insertNotify;
  private final String bulkInsertUnnest;
  private final String reserveReturning;
  private final String reserveFrom;
  private final String selectForReserve;
  private final String candidates;
  private final String lockCandidatesPrefix;
  private final String lockCandidatesSuffix;
  private final String updateReservedPrefix;
  private final String delete;
  private final String extend;
  private final String size;
  private final String due;
  private final String selectNow;

  public TableLayout(WireFormat format, String table, Duration retryAfter, JdbcDialect dialect) {
    this.format = format;
    this.table = table;
    this.retryAfter = retryAfter;
    this.attemptsCap = dialect.attemptsCap();
    String now = dialect.nowSeconds();
    this.selectNow = "SELECT " + now;
    boolean v3 = format == WireFormat.V3;
    String ready =
        v3
            ? "reserve_time IS NULL AND available_time <= " + now
            : "reserved = 0 AND available_at <= " + now;
    String expired =
        retryAfter == null
            ? null
            : (v3
                ? "reserve_time <= " + now + " - " + retryAfter.toSeconds()
                : "reserved = 1 AND reserved_at <= " + now + " - " + retryAfter.toSeconds());
    String available =
        expired == null ? "(" + ready + ")" : "((" + ready + ") OR (" + expired + "))";
    String reservedCond = v3 ? "reserve_time IS NOT NULL" : "reserved = 1";
    String delayedCond =
        v3
            ? "reserve_time IS NULL AND available_time > " + now
            : "reserved = 0 AND available_at > " + now;
    // A negative count (written by hand or by another tool) counts as 0, so a job still runs at
    // most its tries; at
    // the column's maximum the count saturates instead of failing the reservation with an
    // out-of-range error.
    // MySQL evaluates SET left to right with updated values: attempts must come before the reserved
    // flag.
    // Capped before the addition, so a wider column a user made (INTEGER at its maximum) cannot
    // overflow either.
    String bumped = "LEAST(GREATEST(attempts, 0), " + (attemptsCap - 1) + ") + 1";
    String set =
        format.bumpsOnReserve()
            ? "attempts = " + bumped + ", reserve_time = " + now
            : "attempts = CASE WHEN reserved = 1 THEN "
                + bumped
                + " ELSE GREATEST(attempts, 0) END, reserved = 1, "
                + "reserved_at = "
                + now;
    String columns =
        v3
            ? " (queue, payload, attempts, reserve_time, available_time, create_time) "
            : " (queue, payload, attempts, reserved, reserved_at, available_at, created_at) ";
    String notReservedValues = v3 ? "NULL, " : "0, NULL, ";
    this.insert =
        "INSERT INTO "
            + table
            + columns
            + "VALUES (?, ?, ?, "
            + notReservedValues
            + now
            + " + ?, "
            + now
            + ")";
    this.insertNotify =
        "WITH ins AS (" + insert + " RETURNING id) SELECT id, pg_notify(?, ?) FROM ins";
    this.bulkInsertUnnest =
        "INSERT INTO "
            + table
            + columns
            + "SELECT ?, u.p, 0, "
            + notReservedValues
            + now
            + ", "
            + now
            + " FROM unnest(?::text[]) WITH ORDINALITY AS u(p, o) ORDER BY u.o RETURNING id";
    // "ORDER BY queue, id" equals "ORDER BY id" under "queue = ?", and lets H2 read the (queue, id)
    // index in order
    // instead of sorting the whole queue on every reservation.
    String select =
        "SELECT id FROM "
            + table
            + " WHERE queue = ? AND "
            + available
            + " ORDER BY queue, id LIMIT ?"
            + LOCK;
    this.reserveReturning =
        "UPDATE "
            + table
            + " SET "
            + set
            + " WHERE id IN ("
            + select
            + ") "
            + "RETURNING id, payload, attempts";
    String selectFrom =
        "SELECT id FROM "
            + table
            + " WHERE queue = ? AND id >= ? AND "
            + available
            + " ORDER BY queue, id LIMIT ?"
            + LOCK;
    this.reserveFrom =
        "UPDATE "
            + table
            + " SET "
            + set
            + " WHERE id IN ("
            + selectFrom
            + ") "
            + "RETURNING id, payload, attempts";
    // The select of the two-statement reservation takes "now" as parameters: evaluated per row, the
    // clock
    // expression dominated H2's reservations.
    String readyParam =
        v3 ? "reserve_time IS NULL AND available_time <= ?" : "reserved = 0 AND available_at <= ?";
    String expiredParam =
        retryAfter == null
            ? null
            : (v3 ? "reserve_time <= ?" : "reserved = 1 AND reserved_at <= ?");
    String availableParam =
        expiredParam == null
            ? "(" + readyParam + ")"
            : "((" + readyParam + ") OR (" + expiredParam + "))";
    String reserveColumns =
        "SELECT id, payload, attempts" + (v3 ? "" : ", reserved") + " FROM " + table;
    this.selectForReserve =
        reserveColumns
            + " WHERE queue = ? AND "
            + availableParam
            + " ORDER BY queue, id LIMIT ?"
            + LOCK;
    this.candidates =
        "SELECT id FROM "
            + table
            + " WHERE queue = ? AND "
            + availableParam
            + " ORDER BY queue, id LIMIT ?";
    this.lockCandidatesPrefix = reserveColumns + " WHERE id IN (";
    this.lockCandidatesSuffix = ") AND " + availableParam + " ORDER BY id LIMIT ?" + LOCK;
    this.updateReservedPrefix = "UPDATE " + table + " SET " + set + " WHERE id IN (";
    this.delete = "DELETE FROM " + table + " WHERE id = ? AND attempts = ?";
    this.extend =
        "UPDATE "
            + table
            + " SET "
            + (v3 ? "reserve_time = " : "reserved_at = ")
            + now
            + " WHERE id = ? AND attempts = ? AND "
            + reservedCond;
    this.size =
        "SELECT COALESCE(SUM(CASE WHEN "
            + ready
            + " THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN "
            + delayedCond
            + " THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN "
            + reservedCond
            + " THEN 1 ELSE 0 END), 0) FROM "
            + table
            + " WHERE queue = ?";
    String notReserved = v3 ? "reserve_time IS NULL" : "reserved = 0";
    this.due =
        "SELECT "
            + dialect.nowMillis()
            + ", (SELECT MIN("
            + (v3 ? "available_time" : "available_at")
            + ") FROM "
            + table
            + " WHERE queue = ? AND "
            + notReserved
            + "), (SELECT MIN("
            + (v3 ? "reserve_time" : "reserved_at")
            + ") FROM "
            + table
            + " WHERE queue = ? AND "
            + reservedCond
            + ")";
  }

  public WireFormat format() {
    return format;
  }

  /** The jobs table name, prefix included. */
  public String table() {
    return table;
  }

  /** The reservation timeout, or null for never. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Insert of one job: queue, payload, attempts, delay in seconds; the id comes back as a generated
   * key.
   */
  public String insert() {
    return insert;
  }

  /**
   * {@link #insert()} of {@code rows} jobs in one statement: per row queue, payload, attempts,
   * delay in seconds. One statement is all or none even inside a caller's transaction.
   */
  public String insertRows(int rows) {
    int values = insert.indexOf(" VALUES ") + 8;
    return insert.substring(0, values)
        + String.join(", ", java.util.Collections.nCopies(rows, insert.substring(values)));
  }

  /**
   * PostgreSQL: {@link #insert()} returning the id and notifying channel (5th parameter) with the
   * queue (6th).
   */
  public String insertNotify() {
    return insertNotify;
  }

  /** PostgreSQL: insert of queue and a {@code text[]} of payloads, returning the ids. */
  public String bulkInsertUnnest() {
    return bulkInsertUnnest;
  }

  /**
   * PostgreSQL: one-statement claim of up to N available jobs (queue, limit), returning id,
   * payload, attempts.
   */
  public String reserveReturning() {
    return reserveReturning;
  }

  /** PostgreSQL: {@link #reserveReturning()} from a low-water id (queue, id, limit). */
  public String reserveFrom() {
    return reserveFrom;
  }

  /**
   * The locking select of the two-step reservation: queue, then {@link #bindAvailable}, then the
   * limit.
   */
  public String selectForReserve() {
    return selectForReserve;
  }

  /** H2: available ids without locking: queue, then {@link #bindAvailable}, then the limit. */
  public String candidates() {
    return candidates;
  }

  /**
   * H2: locks those of {@code n} candidate ids still available: the ids, {@link #bindAvailable},
   * the limit.
   */
  public String lockCandidates(int n) {
    return lockCandidatesPrefix + placeholders(n) + lockCandidatesSuffix;
  }

  /** Marks {@code n} rows reserved (bumping attempts as the wire format counts them): the ids. */
  public String updateReserved(int n) {
    return updateReservedPrefix + placeholders(n) + ")";
  }

  /** Deletes one reservation: id, attempts token. */
  public String delete() {
    return delete;
  }

  /** Renews one reservation's time: id, attempts token. */
  public String extend() {
    return extend;
  }

  /** Ready, delayed and reserved counts of a queue. */
  public String size() {
    return size;
  }

  /**
   * The database's time in ms, the earliest due time and the earliest reservation time of a queue
   * (given twice).
   */
  public String due() {
    return due;
  }

  /** A query of the database's current Unix time in whole seconds. */
  public String selectNow() {
    return selectNow;
  }

  /**
   * True if the reservation selects also read the {@code reserved} flag (1.x) as their 4th column.
   */
  public boolean readsReservedFlag() {
    return format == WireFormat.V1;
  }

  /** Binds now [, now - retryAfter] from {@code index}; returns the next index. */
  public int bindAvailable(PreparedStatement ps, int index, long dbNow) throws SQLException {
    int p = index;
    ps.setLong(p++, dbNow);
    if (retryAfter != null) {
      ps.setLong(p++, dbNow - retryAfter.toSeconds());
    }
    return p;
  }

  /*
   * The table counts attempts from 0 in both formats (WireFormat's initialAttempts() is the payload's rule, which
   * the table does not use): 3.x bumps the stored count on reservation, 1.x when a reservation expires or a job is
   * released, and 1.x's attempts() adds one in memory.
   */

  /**
   * The value a reservation's UPDATE writes for a row read with {@code stored} attempts, which
   * identifies it.
   */
  public int tokenOnReserve(int stored, boolean wasReserved) {
    return format.bumpsOnReserve() || wasReserved
        ? Math.min(Math.max(stored, 0) + 1, attemptsCap)
        : Math.max(stored, 0);
  }

  /** The attempt number a handler sees for a reservation whose stored count is {@code token}. */
  public int attemptsOf(int token) {
    return format.bumpsOnReserve() ? token : token + 1;
  }

  /**
   * The {@code attempts} a released job is stored with: 3.x keeps the count, 1.x what its
   * attempts() returned.
   */
  public int attemptsOnRelease(JdbcReservedJob job) {
    return format.bumpsOnRelease() ? Math.min(job.attempts(), attemptsCap) : job.token();
  }

  private static String placeholders(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.toString();
  }
}
