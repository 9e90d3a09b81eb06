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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.thinkqueue.spi.ReservedJob;

/**
 * PostgreSQL's claim: one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)
 * RETURNING}, in auto-commit. While a backlog lasts it starts from a low-water id: the index scan
 * starts at the oldest job this connector reserved last instead of walking the entries of every row
 * reserved and deleted before it, which PostgreSQL keeps until a vacuum. A full scan still runs
 * when the front is empty and at least every {@link #FULL_SCAN_NANOS}, for the jobs behind the
 * mark: delayed ones that fell due, expired reservations, late commits of transactional pushes.
 */
final class ReturningReservation implements Reservation {
  private static final long FULL_SCAN_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ConnectionSource source;
  private final TableLayout layout;
  private final ConcurrentHashMap<String, ScanMark> scanMarks = new ConcurrentHashMap<>();

  ReturningReservation(ConnectionSource source, TableLayout layout) {
    this.source = source;
    this.layout = layout;
  }

  /**
   * Where this connector's last reservation on a queue began, and when it last scanned the whole
   * queue.
   */
  private static final class ScanMark {
    volatile long lowId;
    volatile long fullScanAt;
  }

  @Override
  public List<ReservedJob> reserve(String queue, int max) {
    return Transactions.autoCommit(
        source, "reserve from '" + queue + "'", c -> reserve(c, queue, max));
  }

  private List<ReservedJob> reserve(Connection c, String queue, int max) throws SQLException {
    ScanMark mark = scanMarks.computeIfAbsent(queue, q -> new ScanMark());
    long now = System.nanoTime();
    List<JdbcReservedJob> jobs = new ArrayList<>();
    long low = mark.lowId;
    if (low > 0 && now - mark.fullScanAt < FULL_SCAN_NANOS) {
      claim(c, layout.reserveFrom(), queue, low, max, jobs);
    }
    if (jobs.isEmpty()) {
      mark.fullScanAt = now;
      claim(c, layout.reserveReturning(), queue, 0, max, jobs);
    }
    jobs.sort(Comparator.comparingLong(JdbcReservedJob::rowId));
    if (!jobs.isEmpty()) {
      mark.lowId = jobs.get(0).rowId();
    }
    return List.copyOf(jobs);
  }

  private void claim(
      Connection c, String sql, String queue, long fromId, int max, List<JdbcReservedJob> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      ps.setString(p++, queue);
      if (fromId > 0) {
        ps.setLong(p++, fromId);
      }
      ps.setInt(p, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int token = rs.getInt(3);
          into.add(
              new JdbcReservedJob(
                  queue, rs.getString(2), layout.attemptsOf(token), rs.getLong(1), token));
        }
      }
    }
  }
}
