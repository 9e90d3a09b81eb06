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
package org.thinkqueue.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.JdbcConnector;

/**
 * PostgreSQL or MariaDB on the shared server. The test creates its own tables and its own login
 * role (user), grants that role the table rights the library needs, and points the workers at it;
 * an outage locks the role and drops its sessions only ({@code pg_terminate_backend} by role and
 * application name; {@code KILL CONNECTION} by user), so other suites on the same server are never
 * touched. Everything is dropped by {@link #close()}.
 */
final class JdbcBackend extends Backend {
  enum Flavour {
    POSTGRESQL,
    MARIADB
  }

  private final Flavour flavour;
  private final HikariDataSource admin;
  private final String role;
  private final String password;
  private final String appName;
  private final String table;
  private final Target target;

  /**
   * @param adminUrl the shared server's URL (superuser), as {@code Services} resolves it
   */
  JdbcBackend(Flavour flavour, String adminUrl) {
    this.flavour = flavour;
    this.role = "tq_faults_" + uid;
    this.password = "pw" + uid;
    this.appName = "tq-faults-" + uid;
    this.table = "tq_faults_" + uid;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(adminUrl);
    config.setPoolName("faults-admin-" + uid);
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(5_000);
    this.admin = new HikariDataSource(config);
    try {
      JdbcConnector.builder()
          .dataSource(admin)
          .wireFormat(WireFormat.V3)
          .table(table)
          .failedTable(table + "_failed")
          .restartTable(table + "_restart")
          .createSchemaIfMissing(true)
          .listenNotify(false)
          .build()
          .close();
      List<String> tables =
          List.of(table, table + "_failed", table + "_restart", table + "_unique");
      if (flavour == Flavour.POSTGRESQL) {
        execute("CREATE ROLE " + role + " LOGIN");
        execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON " + String.join(", ", tables) + " TO " + role);
        execute(
            "GRANT USAGE, SELECT ON SEQUENCE "
                + table
                + "_id_seq, "
                + table
                + "_failed_id_seq TO "
                + role);
      } else {
        execute("CREATE USER '" + role + "'@'%' IDENTIFIED BY '" + password + "'");
        for (String t : tables) {
          execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + t + "` TO '" + role + "'@'%'");
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.target = new Target(Target.Kind.JDBC, workerUrl(adminUrl), "faults-" + uid, table);
  }

  /**
   * The admin URL with the test's role (and, on PostgreSQL, application name) instead of the admin
   * user.
   */
  private String workerUrl(String adminUrl) {
    int q = adminUrl.indexOf('?');
    String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
    List<String> params = new ArrayList<>();
    if (q >= 0) {
      for (String p : adminUrl.substring(q + 1).split("&")) {
        String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
        if (!p.isEmpty() && !List.of("user", "password", "ApplicationName").contains(name)) {
          params.add(p);
        }
      }
    }
    params.add("user=" + role);
    if (flavour == Flavour.POSTGRESQL) {
      params.add("ApplicationName=" + appName);
    } else {
      params.add("password=" + password);
    }
    return base + "?" + String.join("&", params);
  }

  @Override
  Target target() {
    return target;
  }

  @Override
  void writeRaw(String payload) {
    writeRaw(payload, 0);
  }

  /** A row as another producer could write it, with any {@code attempts} the column type holds. */
  void writeRaw(String payload, int attempts) {
    long now = System.currentTimeMillis() / 1000;
    update(
        "INSERT INTO "
            + table
            + " (queue, payload, attempts, reserve_time, available_time, create_time) "
            + "VALUES (?, ?, ?, NULL, ?, ?)",
        target.queue(),
        payload,
        attempts,
        now,
        now);
  }

  @Override
  long leftOver() {
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  void beginOutage() {
    if (flavour == Flavour.POSTGRESQL) {
      execute("ALTER ROLE " + role + " NOLOGIN");
    } else {
      execute("ALTER USER '" + role + "'@'%' ACCOUNT LOCK");
    }
    dropSessions();
  }

  @Override
  void endOutage() {
    if (flavour == Flavour.POSTGRESQL) {
      execute("ALTER ROLE " + role + " LOGIN");
    } else {
      execute("ALTER USER '" + role + "'@'%' ACCOUNT UNLOCK");
    }
  }

  /** Drops the sessions of the test's role only; returns how many. */
  int dropSessions() {
    if (flavour == Flavour.POSTGRESQL) {
      try (Connection c = admin.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ? AND application_name = ?")) {
        ps.setString(1, role);
        ps.setString(2, appName);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            n++;
          }
        }
        return n;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    List<Long> ids = new ArrayList<>();
    try (Connection c = admin.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    for (long id : ids) {
      try {
        execute("KILL CONNECTION " + id);
      } catch (IllegalStateException e) {
        // the session ended by itself in between
      }
    }
    return ids.size();
  }

  @Override
  public void close() {
    try {
      if (flavour == Flavour.POSTGRESQL) {
        quietly("ALTER ROLE " + role + " NOLOGIN");
        quietly(
            "DROP TABLE IF EXISTS "
                + table
                + ", "
                + table
                + "_failed, "
                + table
                + "_restart, "
                + table
                + "_unique");
        quietly(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + role
                + "'");
        quietly("DROP ROLE IF EXISTS " + role);
      } else {
        quietly(
            "DROP TABLE IF EXISTS `"
                + table
                + "`, `"
                + table
                + "_failed`, `"
                + table
                + "_restart`, `"
                + table
                + "_unique`");
        quietly("DROP USER IF EXISTS '" + role + "'@'%'");
      }
    } finally {
      admin.close();
    }
  }

  private void quietly(String sql) {
    try {
      execute(sql);
    } catch (RuntimeException e) {
      System.err.println("[faults] cleanup failed: " + sql + ": " + e.getMessage());
    }
  }

  private void execute(String sql) {
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... params) {
    try (Connection c = admin.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
