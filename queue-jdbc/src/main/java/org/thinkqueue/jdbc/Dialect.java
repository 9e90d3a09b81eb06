package org.thinkqueue.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.WireFormat;

/**
 * The databases the JDBC driver knows, detected from {@link DatabaseMetaData} or chosen explicitly. Each one has its
 * DDL as a resource ({@code org/thinkqueue/jdbc/schema/<name>-v1.sql}, {@code -v3.sql}).
 */
public enum Dialect {
  /** PostgreSQL 12+: {@code FOR UPDATE SKIP LOCKED}, {@code RETURNING}, {@code LISTEN/NOTIFY} wake-up. */
  POSTGRESQL("postgresql", "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) AS BIGINT)",
      "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)", true),
  /** MariaDB 10.6+ and MySQL 8: {@code FOR UPDATE SKIP LOCKED}; adaptive polling. */
  MYSQL("mysql", "UNIX_TIMESTAMP()", "FLOOR(UNIX_TIMESTAMP(NOW(3)) * 1000)", true),
  /** H2 2.x, the examples' embedded default; adaptive polling. */
  H2("h2", "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) AS BIGINT)",
      "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)", true);

  private final String resourceName;
  private final String nowSeconds;
  private final String nowMillis;
  private final boolean skipLocked;

  Dialect(String resourceName, String nowSeconds, String nowMillis, boolean skipLocked) {
    this.resourceName = resourceName;
    this.nowSeconds = nowSeconds;
    this.nowMillis = nowMillis;
    this.skipLocked = skipLocked;
  }

  /** The database's current Unix time in whole seconds, as SQL. */
  String nowSeconds() {
    return nowSeconds;
  }

  /**
   * The database's current Unix time in milliseconds, as SQL: a job due at second {@code s} becomes ready when this
   * reaches {@code s * 1000}, so a worker can sleep until then instead of up to a second more.
   */
  String nowMillis() {
    return nowMillis;
  }

  boolean skipLocked() {
    return skipLocked;
  }

  /** The classpath resource with the DDL of this database for a wire format. */
  public String ddlResource(WireFormat format) {
    return "org/thinkqueue/jdbc/schema/" + resourceName + "-" + format.name().toLowerCase(Locale.ROOT) + ".sql";
  }

  /**
   * Detects the dialect of a connection's database.
   *
   * @throws ConfigurationException naming the product when it is not supported
   */
  public static Dialect detect(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return MYSQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new ConfigurationException("dialect", product,
        "unsupported database; supported: PostgreSQL, MariaDB/MySQL, H2 (or set Dialect explicitly)");
  }
}
