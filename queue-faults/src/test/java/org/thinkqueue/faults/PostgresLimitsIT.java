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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.jdbc.JdbcLimiterStore;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/**
 * The limits on PostgreSQL. Its queue keeps due times in whole seconds (think-queue's schema), so a
 * job snoozed for 20 ms comes back at the next second: a job waits on its thread for a slot up to a
 * second ahead (RateLimited.maxDelay), else most jobs of each second would be turned away again.
 */
@RequiresService(Service.POSTGRES)
class PostgresLimitsIT extends LimitsSuite {
  PostgresLimitsIT() {
    super("PostgreSQL");
  }

  @Override
  Target target(String uid) {
    String url = Services.postgresJdbcUrl();
    try (HikariDataSource admin = pool(url)) {
      JdbcConnector.builder()
          .dataSource(admin)
          .wireFormat(WireFormat.V3)
          .table(uid)
          .failedTable(uid + "_failed")
          .restartTable(uid + "_restart")
          .createSchemaIfMissing(true)
          .build()
          .close();
      JdbcLimiterStore.builder(admin)
          .limitTable(uid + "_limits")
          .leaseTable(uid + "_leases")
          .createSchemaIfMissing(true)
          .build();
    }
    return new Target(Target.Kind.JDBC, url, uid, uid);
  }

  @Override
  void cleanUp(Target target) {
    try (HikariDataSource admin = pool(target.url());
        Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      for (String suffix : List.of("", "_failed", "_restart", "_limits", "_leases")) {
        s.execute("DROP TABLE IF EXISTS " + target.store() + suffix);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  Duration rateMaxDelay() {
    return Duration.ofSeconds(1);
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }
}
