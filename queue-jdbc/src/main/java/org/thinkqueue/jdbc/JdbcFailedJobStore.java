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
package org.thinkqueue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.jdbc.internal.ConnectionSource;
import org.thinkqueue.jdbc.internal.DialectDetector;
import org.thinkqueue.jdbc.internal.JdbcDialect;
import org.thinkqueue.jdbc.internal.TableName;
import org.thinkqueue.jdbc.internal.Transactions;
import org.thinkqueue.spi.FailedJobStore;

/**
 * Failed jobs in think-queue 3.x's {@code failed_jobs} table ({@code id, connection, queue,
 * payload, exception, fail_time}), so {@code php think queue:failed} and {@code queue:retry} see
 * Java's failures and the reverse. Thread-safe.
 *
 * <p>Connections are treated as {@link JdbcConnector} describes: one the data source hands out
 * inside the caller's transaction is used in that transaction. A store made with a constructor
 * learns whether the data source hands out auto-commit connections from the first connection it
 * takes, so its first use must not run inside a transaction on the data source; {@link
 * JdbcConnector#failedJobStore()} shares what the connector learned at build.
 */
public final class JdbcFailedJobStore implements FailedJobStore {
  private final ConnectionSource source;
  private final String table;
  private volatile String columns;

  /**
   * A store on {@code table}, detecting the database from its metadata on first use.
   *
   * @param dataSource the caller's data source
   * @param table the failed-jobs table name, prefix included; created by the dialect's DDL resource
   * @throws ConfigurationException if {@code dataSource} is null or {@code table} is not {@code
   *     [A-Za-z0-9_]{1,64}} (the name goes into SQL)
   */
  public JdbcFailedJobStore(DataSource dataSource, String table) {
    this(dataSource, table, null);
  }

  /**
   * A store on {@code table} of a known database.
   *
   * @param dataSource the caller's data source
   * @param table the failed-jobs table name, prefix included; created by the dialect's DDL resource
   * @param dialect the database's dialect, or {@code null} to detect it from the metadata on first
   *     use
   * @throws ConfigurationException if {@code dataSource} is null or {@code table} is not {@code
   *     [A-Za-z0-9_]{1,64}}
   */
  public JdbcFailedJobStore(DataSource dataSource, String table, Dialect dialect) {
    this(dataSource == null ? null : ConnectionSource.learnOnFirstUse(dataSource), table, dialect);
  }

  /** A store of a connector, on its data source and what it learned of it. */
  JdbcFailedJobStore(ConnectionSource source, String table, Dialect dialect) {
    if (source == null) {
      throw new ConfigurationException("dataSource", null, "must not be null");
    }
    this.source = source;
    this.table = TableName.require("failedTable", table);
    this.columns = dialect == null ? null : columns(DialectDetector.of(dialect));
  }

  /**
   * fail_time is a wall-clock column in the session's time zone; the database turns it into Unix
   * seconds, since the JDBC driver would read it in the JVM's zone, which need not be the session's
   * (MariaDB's driver never aligns them; a URL may set PostgreSQL's).
   */
  private static String columns(JdbcDialect dialect) {
    return "id, connection, queue, payload, exception, " + dialect.failTimeEpoch();
  }

  private String columns(Connection c) throws SQLException {
    String cols = columns;
    if (cols == null) {
      cols = columns(DialectDetector.detect(c.getMetaData()));
      columns = cols;
    }
    return cols;
  }

  @Override
  public String record(String connection, String queue, String payload, String exception) {
    return Transactions.autoCommit(
        source,
        "record a failed job in " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + table
                      + " (connection, queue, payload, exception, fail_time) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, connection);
            ps.setString(2, queue);
            ps.setString(3, payload);
            ps.setString(4, exception);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              return Long.toString(rs.getLong(1));
            }
          }
        });
  }

  @Override
  public List<FailedJob> list(int offset, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return Transactions.autoCommit(
        source,
        "list failed jobs in " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + columns(c)
                      + " FROM "
                      + table
                      + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            List<FailedJob> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Optional<FailedJob> find(String id) {
    Long key = parse(id);
    if (key == null) {
      return Optional.empty();
    }
    return Transactions.autoCommit(
        source,
        "find failed job " + id + " in " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + columns(c) + " FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<FailedJob>empty();
            }
          }
        });
  }

  @Override
  public boolean forget(String id) {
    Long key = parse(id);
    if (key == null) {
      return false;
    }
    return Transactions.autoCommit(
        source,
        "forget failed job " + id + " in " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, key);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void flush() {
    Transactions.autoCommit(
        source,
        "flush " + table,
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("DELETE FROM " + table);
          }
        });
  }

  @Override
  public long count() {
    return Transactions.autoCommit(
        source,
        "count " + table,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static FailedJob read(ResultSet rs) throws SQLException {
    long at = rs.getLong(6);
    boolean noTime = rs.wasNull();
    return new FailedJob(
        Long.toString(rs.getLong(1)),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        noTime ? null : Instant.ofEpochSecond(at));
  }

  private static Long parse(String id) {
    try {
      return id == null ? null : Long.valueOf(id.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Names the store by its table; no URL or credentials. */
  @Override
  public String toString() {
    return "JdbcFailedJobStore{table=" + table + "}";
  }
}
