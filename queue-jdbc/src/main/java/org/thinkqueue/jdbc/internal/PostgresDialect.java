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
import org.thinkqueue.jdbc.Dialect;

/**
 * PostgreSQL 9.5+: the one-statement {@code RETURNING} claim, bulk inserts as one {@code text[]}
 * parameter, and {@code LISTEN/NOTIFY} wake-up through {@link PgNotifications}, the only class that
 * touches the PostgreSQL driver.
 */
final class PostgresDialect implements JdbcDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public Dialect selector() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public String nowSeconds() {
    return "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) AS BIGINT)";
  }

  @Override
  public String nowMillis() {
    return "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)";
  }

  @Override
  public boolean notifies() {
    return true;
  }

  /** A chunk travels as one array parameter, so chunks can be larger. */
  @Override
  public int bulkChunk() {
    return 5_000;
  }

  @Override
  public Reservation reservation(ConnectionSource source, TableLayout layout) {
    return new ReturningReservation(source, layout);
  }

  @Override
  public WorkWaiter waiter(
      ConnectionSource source, String channel, DueTime due, LocalWake localWake) {
    return channel == null
        ? new PollingWaiter(due, localWake)
        : new PgNotifications(source, channel, due);
  }

  /**
   * One statement text whatever the count: the driver prepares it once per connection, and the
   * payloads travel as one {@code text[]} parameter instead of a parse of thousands of VALUES
   * tuples.
   */
  @Override
  public List<Long> insertBatch(
      Connection c, TableLayout layout, String queue, List<String> payloads, String channel)
      throws SQLException {
    List<Long> ids = new ArrayList<>(payloads.size());
    try (PreparedStatement ps = c.prepareStatement(layout.bulkInsertUnnest())) {
      ps.setString(1, queue);
      ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    ids.sort(Comparator.naturalOrder());
    if (channel != null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
        ps.setString(1, channel);
        ps.setString(2, queue);
        ps.execute();
      }
    }
    return ids;
  }
}
