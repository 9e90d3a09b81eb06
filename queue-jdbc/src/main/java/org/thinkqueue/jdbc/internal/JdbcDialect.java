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
import org.thinkqueue.jdbc.Dialect;

/**
 * What differs between databases (db-scheduler's {@code JdbcCustomization}): the clock expressions,
 * the attempts column's range, how jobs are claimed, inserted in bulk and deleted in batches, and
 * how idle workers wake up. One implementation per database, chosen by {@link DialectDetector};
 * stateless, so one instance serves every connector.
 */
public interface JdbcDialect {
  /** The user-facing selector this dialect implements (its DDL resources, its name in logs). */
  Dialect selector();

  /** The database's current Unix time in whole seconds, as SQL. */
  String nowSeconds();

  /**
   * The database's current Unix time in milliseconds, as SQL: a job due at second {@code s} becomes
   * ready when this reaches {@code s * 1000}, so a worker can sleep until then instead of up to a
   * second more.
   */
  String nowMillis();

  /**
   * Declares what this dialect's SQL needs in the database beyond the DDL; run once when a
   * connector is built.
   */
  default void prepare(ConnectionSource source) {}

  /**
   * True if pushes can wake idle workers of other connectors through the database ({@code
   * LISTEN/NOTIFY}).
   */
  default boolean notifies() {
    return false;
  }

  /** The largest value think-queue's {@code attempts} column holds. */
  default int attemptsCap() {
    return 32767; // SMALLINT
  }

  /** How many jobs one bulk insert statement carries. */
  default int bulkChunk() {
    return 500;
  }

  /**
   * {@code fail_time}, a wall-clock column in the session's time zone, as Unix seconds computed by
   * the database: the JDBC driver would read it in the JVM's zone, which need not be the session's.
   */
  default String failTimeEpoch() {
    return "CAST(FLOOR(EXTRACT(EPOCH FROM CAST(fail_time AS TIMESTAMP WITH TIME ZONE))) AS BIGINT)";
  }

  /** The claim of available jobs for one connector's table. */
  Reservation reservation(ConnectionSource source, TableLayout layout);

  /**
   * How idle workers of one connector wait for work.
   *
   * @param channel the {@code LISTEN/NOTIFY} channel, or null when notifications are off
   */
  default WorkWaiter waiter(
      ConnectionSource source, String channel, DueTime due, LocalWake localWake) {
    return new PollingWaiter(due, localWake);
  }

  /**
   * Inserts {@code payloads} ready now, in order, in the caller's transaction; returns their ids in
   * order.
   *
   * @param channel the {@code LISTEN/NOTIFY} channel to notify, or null
   */
  default List<Long> insertBatch(
      Connection c, TableLayout layout, String queue, List<String> payloads, String channel)
      throws SQLException {
    List<Long> ids = new ArrayList<>(payloads.size());
    try (PreparedStatement ps =
        c.prepareStatement(layout.insert(), Statement.RETURN_GENERATED_KEYS)) {
      for (String payload : payloads) {
        ps.setString(1, queue);
        ps.setString(2, payload);
        ps.setInt(3, 0);
        ps.setLong(4, 0);
        ps.addBatch();
      }
      ps.executeBatch();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.size() != payloads.size()) {
      throw new SQLException(
          "Expected "
              + payloads.size()
              + " generated ids from the batch insert into "
              + layout.table()
              + ", got "
              + ids.size());
    }
    return ids;
  }

  /**
   * One DELETE of {@code n} reservations matched by (id, attempts), bound as id, attempts pairs.
   */
  default String deleteBatch(String table, int n) {
    StringBuilder sql =
        new StringBuilder("DELETE FROM ").append(table).append(" WHERE (id, attempts) IN (");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    }
    return sql.append(')').toString();
  }
}
