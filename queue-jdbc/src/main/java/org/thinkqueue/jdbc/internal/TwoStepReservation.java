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
import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.spi.ReservedJob;

/**
 * The claim on databases without {@code UPDATE ... RETURNING} (MariaDB/MySQL, H2): in one
 * transaction, lock up to N available rows with {@code FOR UPDATE SKIP LOCKED}, then mark them
 * reserved. H2 reads every matching row of the queue when a {@code LIMIT} query locks rows and
 * stops early without the lock, so on H2 the candidates are found unlocked first and then those
 * still available are locked, skipping ones others hold.
 */
final class TwoStepReservation implements Reservation {
  private final ConnectionSource source;
  private final TableLayout layout;
  private final boolean candidatesFirst;

  TwoStepReservation(ConnectionSource source, TableLayout layout, boolean candidatesFirst) {
    this.source = source;
    this.layout = layout;
    this.candidatesFirst = candidatesFirst;
  }

  @Override
  public List<ReservedJob> reserve(String queue, int max) {
    return Transactions.inTransaction(
        source, "reserve from '" + queue + "'", c -> reserve(c, queue, max));
  }

  private List<ReservedJob> reserve(Connection c, String queue, int max) throws SQLException {
    long dbNow;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(layout.selectNow())) {
      rs.next();
      dbNow = rs.getLong(1);
    }
    List<Long> candidates = candidatesFirst ? candidates(c, queue, max, dbNow) : List.of();
    if (candidatesFirst && candidates.isEmpty()) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    String lockSql =
        candidatesFirst ? layout.lockCandidates(candidates.size()) : layout.selectForReserve();
    try (PreparedStatement ps = c.prepareStatement(lockSql)) {
      int p = 1;
      if (candidatesFirst) {
        for (Long id : candidates) {
          ps.setLong(p++, id);
        }
      } else {
        ps.setString(p++, queue);
      }
      p = layout.bindAvailable(ps, p, dbNow);
      ps.setInt(p, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean wasReserved = layout.readsReservedFlag() && rs.getInt(4) == 1;
          ids.add(rs.getLong(1));
          payloads.add(rs.getString(2));
          tokens.add(layout.tokenOnReserve(rs.getInt(3), wasReserved));
        }
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement ps = c.prepareStatement(layout.updateReserved(ids.size()))) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setLong(i + 1, ids.get(i));
      }
      ps.executeUpdate();
    }
    List<ReservedJob> jobs = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      int token = tokens.get(i);
      jobs.add(
          new JdbcReservedJob(queue, payloads.get(i), layout.attemptsOf(token), ids.get(i), token));
    }
    return jobs;
  }

  private List<Long> candidates(Connection c, String queue, int max, long dbNow)
      throws SQLException {
    List<Long> candidates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(layout.candidates())) {
      ps.setString(1, queue);
      int p = layout.bindAvailable(ps, 2, dbNow);
      ps.setInt(p, max * 2 + 8);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidates.add(rs.getLong(1));
        }
      }
    }
    return candidates;
  }
}
