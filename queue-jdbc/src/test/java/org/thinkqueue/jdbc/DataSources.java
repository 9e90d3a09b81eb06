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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Pools for integration tests, built from the URLs that {@link org.thinkqueue.testkit.Services}
 * resolves.
 */
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
