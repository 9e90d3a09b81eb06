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

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.FailedJob;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.testkit.FailedJobStoreContract;

/**
 * The failed-job store contract on one database: each test gets a fresh {@code failed_jobs} table,
 * dropped after.
 */
abstract class JdbcFailedJobStoreSupport extends FailedJobStoreContract {
  private TestTables tables;
  private JdbcConnector connector;

  protected abstract String jdbcUrl();

  /** SQL setting the session's time zone to a UTC offset such as {@code +08:00}. */
  protected abstract String setSessionTimeZone(String offset);

  @Override
  protected FailedJobStore createEmptyStore() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 2);
    connector = tables.connector(WireFormat.V3).build();
    return connector.failedJobStore();
  }

  @AfterEach
  void dropTables() {
    if (tables != null) {
      connector.close();
      tables.close();
      tables = null;
    }
  }

  /**
   * fail_time is written with the database's CURRENT_TIMESTAMP; the instant read back must not
   * depend on whether the session's time zone is the JVM's (MariaDB's driver never aligns them; a
   * PostgreSQL URL may set its own).
   */
  @Test
  void failTimeIsTheRightInstantWhenTheSessionTimeZoneIsNotTheJvms() {
    boolean jvmAtPlus8 =
        ZoneId.systemDefault().getRules().getOffset(Instant.now()).getTotalSeconds() == 8 * 3600;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(tables.jdbcUrl);
    config.setMaximumPoolSize(2);
    config.setConnectionInitSql(setSessionTimeZone(jvmAtPlus8 ? "-05:00" : "+08:00"));
    try (HikariDataSource otherZone = new HikariDataSource(config);
        JdbcConnector c =
            JdbcConnector.builder()
                .dataSource(otherZone)
                .table(tables.table)
                .failedTable(tables.failedTable)
                .build()) {
      FailedJobStore zoned = c.failedJobStore();
      Instant now = Instant.now();
      String viaOtherZone = zoned.record("database", "q", "{\"job\":\"A\",\"data\":1}", "boom");
      String viaJvmZone = store.record("database", "q", "{\"job\":\"A\",\"data\":2}", "boom");

      assertNear(now, zoned.find(viaOtherZone).orElseThrow());
      assertNear(now, store.find(viaJvmZone).orElseThrow());
      assertNear(now, zoned.list(0, 10).get(1));
      if (failTimeIsAnInstant()) {
        assertThat(zoned.list(0, 10)).allSatisfy(j -> assertNear(now, j));
        assertThat(store.list(0, 10)).allSatisfy(j -> assertNear(now, j));
      }
    }
  }

  /**
   * Whether fail_time holds an instant (MySQL's TIMESTAMP) rather than a wall clock in the writer's
   * session zone (PostgreSQL's and H2's TIMESTAMP, as think-migration creates it), so sessions in
   * other zones read it alike.
   */
  protected boolean failTimeIsAnInstant() {
    return false;
  }

  private static void assertNear(Instant now, FailedJob job) {
    assertThat(Duration.between(now, job.failedAt()).abs())
        .as("fail_time of record " + job.id())
        .isLessThan(Duration.ofSeconds(3));
  }
}
