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

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.thinkqueue.WireFormat;

/**
 * A pool on one test database and a pair of table names unique to the test, dropped by {@link
 * #close()}. Rows are read with plain JDBC, so assertions see what PHP would see.
 */
final class TestTables implements AutoCloseable {
  final String jdbcUrl;
  final HikariDataSource pool;
  final String table;
  final String failedTable;

  TestTables(String jdbcUrl, String poolName, int poolSize) {
    this(jdbcUrl, poolName, poolSize, "tq_");
  }

  /** Tables named {@code prefix} and a random suffix. */
  TestTables(String jdbcUrl, String poolName, int poolSize, String prefix) {
    this.jdbcUrl = jdbcUrl;
    this.pool = DataSources.pool(jdbcUrl, poolName, poolSize);
    this.table = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.failedTable = table + "_failed";
  }

  /** A unique in-memory H2 database, kept while the pool is open. */
  static String h2Url() {
    return "jdbc:h2:mem:tq"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
        + ";DB_CLOSE_DELAY=-1";
  }

  /** A connector builder on this pool and these tables, creating them. */
  JdbcConnector.Builder connector(WireFormat format) {
    return JdbcConnector.builder()
        .dataSource(pool)
        .wireFormat(format)
        .table(table)
        .failedTable(failedTable)
        .restartTable(table + "_restart")
        .createSchemaIfMissing(true);
  }

  /** Every row of the jobs table in id order, column names lower case, numbers as Long. */
  List<Map<String, Object>> rows() {
    return query("SELECT * FROM " + table + " ORDER BY id");
  }

  List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof Number n) {
              v = n.longValue();
            } else if (v instanceof java.sql.Clob clob) {
              v = clob.getSubString(1, (int) clob.length());
            }
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  int update(String sql, Object... params) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count() {
    return (Long) query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n");
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + failedTable);
      s.execute("DROP TABLE IF EXISTS " + table + "_restart");
      s.execute("DROP TABLE IF EXISTS " + table + "_unique");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop " + table, e);
    } finally {
      pool.close();
    }
  }
}
