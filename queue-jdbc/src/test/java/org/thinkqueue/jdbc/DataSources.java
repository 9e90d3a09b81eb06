package org.thinkqueue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Pools for integration tests, built from the URLs that {@link org.thinkqueue.testkit.Services} resolves. */
final class DataSources {

  private DataSources() {}

  static HikariDataSource pool(String jdbcUrl, String poolName) {
    return pool(jdbcUrl, poolName, 4);
  }

  static HikariDataSource pool(String jdbcUrl, String poolName, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName(poolName);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }
}
