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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.jdbc.Dialect;

/**
 * The SQL of the limiter tables on one database: their DDL, the database's clock in microseconds
 * (read after the key's row lock is held, so a wait for the lock does not make it stale), and the
 * statements of {@code JdbcLimiterStore}. Stateless once built.
 */
public final class LimiterSql {
  private static final Logger LOG = LoggerFactory.getLogger(LimiterSql.class);

  /** H2's function for the server JVM's clock (H2 has no clock that moves within a transaction). */
  static final String H2_NOW = "THINK_QUEUE_LIMIT_NOW_MS";

  private final Dialect dialect;
  private final String limits;
  private final String leases;
  private final String resource;
  private volatile String nowMicros;

  /**
   * @param limits the limit table's name, prefix included, checked
   * @param leases the lease table's name, prefix included, checked
   */
  public LimiterSql(Dialect dialect, String limits, String leases) {
    this.dialect = dialect;
    this.limits = limits;
    this.leases = leases;
    this.resource =
        "org/thinkqueue/jdbc/schema/limits-"
            + switch (dialect) {
              case POSTGRESQL -> "postgresql";
              case MYSQL -> "mysql";
              case H2 -> "h2";
            }
            + ".sql";
    this.nowMicros =
        switch (dialect) {
          case POSTGRESQL ->
              "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000) AS BIGINT)";
          case MYSQL -> "CAST(UNIX_TIMESTAMP(SYSDATE(6)) * 1000000 AS SIGNED)";
          // Fixed at the transaction's start: only until prepare() declares the function.
          case H2 -> "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000) AS BIGINT)";
        };
  }

  /** The classpath resource with the DDL of both tables. */
  public String resource() {
    return resource;
  }

  /**
   * Declares what the statements need beyond the tables: on H2, a function reading the clock of the
   * JVM that runs the database (its {@code CURRENT_TIMESTAMP} stands still within a transaction).
   * Without the right to declare it, the store keeps {@code CURRENT_TIMESTAMP}.
   */
  public void prepare(ConnectionSource source) {
    if (dialect != Dialect.H2) {
      return;
    }
    try {
      Transactions.autoCommit(
          source,
          "declare the limiter's clock function",
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute(
                  "CREATE ALIAS IF NOT EXISTS "
                      + H2_NOW
                      + " FOR 'java.lang.System.currentTimeMillis'");
            }
            return null;
          });
      nowMicros = H2_NOW + "() * 1000";
    } catch (RuntimeException e) {
      LOG.debug("H2: could not declare {}; the limiter reads CURRENT_TIMESTAMP", H2_NOW, e);
    }
  }

  /** Runs the DDL; tables that exist are left as they are. */
  public void createTables(ConnectionSource source) {
    String ddl;
    try (InputStream in = LimiterSql.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing DDL resource " + resource);
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read DDL resource " + resource, e);
    }
    String code =
        ddl.replace("${limit_table}", limits)
            .replace("${lease_table}", leases)
            .lines()
            .filter(l -> !l.trim().startsWith("--"))
            .collect(Collectors.joining("\n"));
    Transactions.autoCommit(
        source,
        "create the limiter tables from " + resource,
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : code.split(";")) {
              if (!statement.isBlank()) {
                s.execute(statement.trim());
              }
            }
          }
          return null;
        });
  }

  /**
   * Checks that both tables exist.
   *
   * @throws ConfigurationException naming the missing table and the DDL resource that creates it
   */
  public void checkTables(ConnectionSource source) {
    Transactions.autoCommit(
        source,
        "check the limiter tables",
        c -> {
          for (String t : List.of(limits, leases)) {
            try (Statement s = c.createStatement()) {
              s.executeQuery("SELECT 1 FROM " + t + " WHERE 1 = 0").close();
            } catch (SQLException e) {
              if (SqlErrors.isMissingTable(e)) {
                throw new ConfigurationException(
                    "table",
                    t,
                    "it does not exist in the database; create it with the DDL in the classpath"
                        + " resource "
                        + resource
                        + " or call JdbcLimiterStore.Builder.createSchemaIfMissing(true)");
              }
              throw e;
            }
          }
          return null;
        });
  }

  /**
   * Locks the key's row; its {@code tat_us} and {@code turn_us}, or null if there is no row yet.
   */
  public long[] lockKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tat_us, turn_us FROM " + limits + " WHERE limit_key = ? FOR UPDATE")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
      }
    }
  }

  /** Adds the key's row if there is none (on its own: the caller runs it outside the lock). */
  public void insertKey(Connection c, String key) throws SQLException {
    String sql =
        switch (dialect) {
          case POSTGRESQL ->
              "INSERT INTO "
                  + limits
                  + " (limit_key, tat_us, turn_us) VALUES (?, 0, 0) ON CONFLICT (limit_key) DO NOTHING";
          case MYSQL ->
              "INSERT INTO "
                  + limits
                  + " (limit_key, tat_us, turn_us) VALUES (?, 0, 0)"
                  + " ON DUPLICATE KEY UPDATE limit_key = limit_key";
          // H2's MERGE is not safe against a concurrent insert: a plain insert, its duplicate
          // ignored (a failed statement leaves an H2 transaction usable).
          case H2 -> "INSERT INTO " + limits + " (limit_key, tat_us, turn_us) VALUES (?, 0, 0)";
        };
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (dialect != Dialect.H2 || !"23505".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** The database's time now, µs. */
  public long now(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + nowMicros)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Stores the key's rate state (its row is locked). */
  public void updateKey(Connection c, String key, long tat, long turn) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + limits + " SET tat_us = ?, turn_us = ? WHERE limit_key = ?")) {
      ps.setLong(1, tat);
      ps.setLong(2, turn);
      ps.setString(3, key);
      ps.executeUpdate();
    }
  }

  /** Deletes the key's leases that expired by {@code now}, then locks and counts the others. */
  public int liveLeases(Connection c, String key, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + leases + " WHERE limit_key = ? AND expires_us <= ?")) {
      ps.setString(1, key);
      ps.setLong(2, now);
      ps.executeUpdate();
    }
    // A locking read: it sees every committed lease, whatever the isolation level.
    try (PreparedStatement ps =
        c.prepareStatement("SELECT token FROM " + leases + " WHERE limit_key = ? FOR UPDATE")) {
      ps.setString(1, key);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
        }
      }
      return n;
    }
  }

  /** Adds a lease. */
  public void insertLease(Connection c, String key, String token, long expires)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + leases + " (limit_key, token, expires_us) VALUES (?, ?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, token);
      ps.setLong(3, expires);
      ps.executeUpdate();
    }
  }

  /** Extends a lease that has not expired, in one statement; true if it did. */
  public boolean renewLease(Connection c, String key, String token, long leaseMicros)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + leases
                + " SET expires_us = "
                + nowMicros
                + " + ? WHERE limit_key = ? AND token = ? AND expires_us > "
                + nowMicros)) {
      ps.setLong(1, leaseMicros);
      ps.setString(2, key);
      ps.setString(3, token);
      return ps.executeUpdate() == 1;
    }
  }

  /** Deletes a lease. */
  public void deleteLease(Connection c, String key, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + leases + " WHERE limit_key = ? AND token = ?")) {
      ps.setString(1, key);
      ps.setString(2, token);
      ps.executeUpdate();
    }
  }

  /**
   * Deletes expired leases and the rows of keys whose rate times have passed and that hold no
   * lease; returns how many rows went.
   */
  public int purgeIdle(Connection c) throws SQLException {
    long now = now(c);
    int n;
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + leases + " WHERE expires_us <= ?")) {
      ps.setLong(1, now);
      n = ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM "
                + limits
                + " WHERE tat_us <= ? AND turn_us <= ? AND NOT EXISTS (SELECT 1 FROM "
                + leases
                + " l WHERE l.limit_key = "
                + limits
                + ".limit_key)")) {
      ps.setLong(1, now);
      ps.setLong(2, now);
      n += ps.executeUpdate();
    }
    return n;
  }
}
