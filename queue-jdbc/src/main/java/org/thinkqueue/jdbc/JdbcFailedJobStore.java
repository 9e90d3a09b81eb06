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
import org.thinkqueue.jdbc.internal.Sql;
import org.thinkqueue.spi.FailedJobStore;

/**
 * Failed jobs in think-queue 3.x's {@code failed_jobs} table ({@code id, connection, queue, payload, exception,
 * fail_time}), so {@code php think queue:failed} and {@code queue:retry} see Java's failures and the reverse.
 * Thread-safe.
 */
public final class JdbcFailedJobStore implements FailedJobStore {
  private final DataSource dataSource;
  private final String table;
  private volatile String columns;

  /**
   * @param table the failed-jobs table name, prefix included; created by the dialect's DDL resource
   * @throws ConfigurationException if {@code dataSource} is null or {@code table} is not {@code [A-Za-z0-9_]{1,64}}
   *     (the name goes into SQL)
   */
  public JdbcFailedJobStore(DataSource dataSource, String table) {
    this(dataSource, table, null);
  }

  /**
   * @param dialect the database's dialect, or {@code null} to detect it from the metadata on first use
   * @throws ConfigurationException if {@code dataSource} is null or {@code table} is not {@code [A-Za-z0-9_]{1,64}}
   */
  public JdbcFailedJobStore(DataSource dataSource, String table, Dialect dialect) {
    if (dataSource == null) {
      throw new ConfigurationException("dataSource", null, "must not be null");
    }
    this.dataSource = dataSource;
    this.table = JdbcConnector.Builder.requireTableName("failedTable", table);
    this.columns = dialect == null ? null : columns(dialect);
  }

  /**
   * fail_time is a wall-clock column in the session's time zone; the database turns it into Unix seconds, since the
   * JDBC driver would read it in the JVM's zone, which need not be the session's (MariaDB's driver never aligns
   * them; a URL may set PostgreSQL's).
   */
  private static String columns(Dialect dialect) {
    String epoch = dialect == Dialect.MYSQL ? "UNIX_TIMESTAMP(fail_time)"
        : "CAST(FLOOR(EXTRACT(EPOCH FROM CAST(fail_time AS TIMESTAMP WITH TIME ZONE))) AS BIGINT)";
    return "id, connection, queue, payload, exception, " + epoch;
  }

  private String columns(Connection c) throws SQLException {
    String cols = columns;
    if (cols == null) {
      cols = columns(Dialect.detect(c.getMetaData()));
      columns = cols;
    }
    return cols;
  }

  @Override
  public String record(String connection, String queue, String payload, String exception) {
    return Sql.withRetry("record a failed job in " + table, () -> {
      try (Connection c = Sql.connect(dataSource);
          PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
              + " (connection, queue, payload, exception, fail_time) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
              Statement.RETURN_GENERATED_KEYS)) {
        c.setAutoCommit(true);
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
    return Sql.withRetry("list failed jobs in " + table, () -> {
      try (Connection c = Sql.connect(dataSource);
          PreparedStatement ps = c.prepareStatement("SELECT " + columns(c) + " FROM " + table
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
    return Sql.withRetry("find failed job " + id + " in " + table, () -> {
      try (Connection c = Sql.connect(dataSource);
          PreparedStatement ps = c.prepareStatement("SELECT " + columns(c) + " FROM " + table + " WHERE id = ?")) {
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
    return Sql.withRetry("forget failed job " + id + " in " + table, () -> {
      try (Connection c = Sql.connect(dataSource);
          PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        c.setAutoCommit(true);
        ps.setLong(1, key);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void flush() {
    Sql.withRetry("flush " + table, () -> {
      try (Connection c = Sql.connect(dataSource); Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        return s.executeUpdate("DELETE FROM " + table);
      }
    });
  }

  @Override
  public long count() {
    return Sql.withRetry("count " + table, () -> {
      try (Connection c = Sql.connect(dataSource); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static FailedJob read(ResultSet rs) throws SQLException {
    long at = rs.getLong(6);
    boolean noTime = rs.wasNull();
    return new FailedJob(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), noTime ? null : Instant.ofEpochSecond(at));
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
