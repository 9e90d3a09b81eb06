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
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thinkqueue.jdbc.Dialect;

/**
 * Several jobs, on any queues and with their own delays, in one multi-row {@code INSERT}: all or
 * none, even inside a caller's transaction, where a failed statement leaves nothing of its own (a
 * JDBC batch would keep the rows before the one that failed). What publishing an event to its
 * subscribers writes.
 *
 * <p>Ids in row order: PostgreSQL and MariaDB by {@code RETURNING id} (MariaDB Connector/J gives
 * only the first generated key of a multi-row insert); H2 and MySQL by the generated keys, or, from
 * a driver that gives only the first, that key plus the row's index times {@code
 * auto_increment_increment} (InnoDB gives a multi-row {@code INSERT ... VALUES} consecutive ids).
 * More than {@value #MAX_ROWS} rows take one statement per {@value #MAX_ROWS}, under a savepoint
 * that a failure rolls back to, so a caller's transaction keeps none of them either.
 */
public final class MultiRowInsert {
  /** Rows per statement: 4 parameters each, far below every database's limit of bind variables. */
  public static final int MAX_ROWS = 1000;

  private final TableLayout layout;
  private final Dialect dialect;
  private final String channel;

  /** MYSQL only: whether the server is MariaDB (which has {@code INSERT ... RETURNING}). */
  private volatile Boolean mariaDb;

  /** One row: queue, payload, delay in whole seconds. */
  public record Row(String queue, String payload, long delaySeconds) {}

  /**
   * @param channel PostgreSQL's {@code LISTEN/NOTIFY} channel, or {@code null} when pushes do not
   *     notify
   */
  public MultiRowInsert(TableLayout layout, JdbcDialect dialect, String channel) {
    this.layout = layout;
    this.dialect = dialect.selector();
    this.channel = dialect.selector() == Dialect.POSTGRESQL ? channel : null;
  }

  /** Inserts every row or none; returns the ids in row order. */
  public List<String> insert(Connection c, List<Row> rows) throws SQLException {
    if (rows.size() <= MAX_ROWS) {
      return statement(c, rows);
    }
    Savepoint savepoint = c.setSavepoint();
    try {
      List<String> ids = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i += MAX_ROWS) {
        ids.addAll(statement(c, rows.subList(i, Math.min(rows.size(), i + MAX_ROWS))));
      }
      c.releaseSavepoint(savepoint);
      return ids;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback(savepoint);
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
    }
  }

  private List<String> statement(Connection c, List<Row> rows) throws SQLException {
    String sql = layout.insertRows(rows.size());
    boolean returning = dialect == Dialect.POSTGRESQL || isMariaDb(c);
    if (channel != null) {
      // Notifications with one channel and payload are folded into one per transaction.
      sql = "WITH ins AS (" + sql + " RETURNING id, queue) SELECT id, pg_notify(?, queue) FROM ins";
    } else if (returning) {
      sql = sql + " RETURNING id";
    }
    List<Long> ids = new ArrayList<>(rows.size());
    try (PreparedStatement ps =
        returning
            ? c.prepareStatement(sql)
            : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      int p = 1;
      for (Row r : rows) {
        ps.setString(p++, r.queue());
        ps.setString(p++, r.payload());
        ps.setInt(p++, 0);
        ps.setLong(p++, r.delaySeconds());
      }
      if (channel != null) {
        ps.setString(p, channel);
      }
      if (returning) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      } else {
        ps.executeUpdate();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
        if (ids.size() == 1 && rows.size() > 1) {
          long step = autoIncrementIncrement(c);
          for (int i = 1; i < rows.size(); i++) {
            ids.add(ids.get(0) + i * step);
          }
        }
      }
    }
    if (ids.size() != rows.size()) {
      throw new SQLException(
          "Expected "
              + rows.size()
              + " ids from the insert into "
              + layout.table()
              + ", got "
              + ids.size());
    }
    // Ids are drawn in row order; RETURNING (through a CTE on PostgreSQL) promises no order.
    ids.sort(null);
    List<String> out = new ArrayList<>(ids.size());
    ids.forEach(id -> out.add(Long.toString(id)));
    return out;
  }

  private boolean isMariaDb(Connection c) throws SQLException {
    if (dialect != Dialect.MYSQL) {
      return false;
    }
    Boolean m = mariaDb;
    if (m == null) {
      String product = String.valueOf(c.getMetaData().getDatabaseProductName());
      String version = String.valueOf(c.getMetaData().getDatabaseProductVersion());
      m = (product + " " + version).toLowerCase(Locale.ROOT).contains("mariadb");
      mariaDb = m;
    }
    return m;
  }

  private static long autoIncrementIncrement(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@auto_increment_increment")) {
      return rs.next() ? Math.max(1, rs.getLong(1)) : 1;
    }
  }
}
