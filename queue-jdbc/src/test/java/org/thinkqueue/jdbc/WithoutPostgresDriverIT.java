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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/**
 * The MariaDB and H2 paths with the PostgreSQL driver off the class path (failsafe execution {@code
 * without-postgres-driver} in this module's POM): the driver is an optional dependency, so
 * applications on other databases do not have it, and nothing but the PostgreSQL dialect may load a
 * class that needs it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WithoutPostgresDriverIT {
  private static final String QUEUE = "no-pg-driver";
  private static final String PAYLOAD =
      "{\"job\":\"Job\",\"maxTries\":null,\"timeout\":null,\"data\":1}";

  @Test
  void h2ServesWithoutThePostgresDriver() {
    pushPopDeleteAwaitWork(TestTables.h2Url(), Dialect.H2);
  }

  @Test
  @RequiresService(Service.MARIADB)
  void mariaDbServesWithoutThePostgresDriver() {
    pushPopDeleteAwaitWork(Services.mariaDbJdbcUrl(), Dialect.MYSQL);
  }

  private static void pushPopDeleteAwaitWork(String jdbcUrl, Dialect expected) {
    assertThatThrownBy(() -> Class.forName("org.postgresql.Driver"))
        .as("this test runs without the PostgreSQL driver")
        .isInstanceOf(ClassNotFoundException.class);
    try (TestTables tables = new TestTables(jdbcUrl, "WithoutPostgresDriverIT", 2);
        JdbcConnector connector = tables.connector(WireFormat.V3).build()) {
      assertThat(connector.dialect()).isEqualTo(expected);

      connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO);
      connector.bulkRaw(QUEUE, List.of(PAYLOAD, PAYLOAD));
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(3, 0, 0));
      assertAwaitWorkReturnsAtOnce(connector);

      List<ReservedJob> jobs = connector.pop(QUEUE, 5);
      assertThat(jobs).hasSize(3).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
      jobs.forEach(connector::delete);
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
      assertThat(connector.pop(QUEUE, 1)).isEmpty();

      connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO);
      assertAwaitWorkReturnsAtOnce(connector);
      connector.deleteAsync(connector.pop(QUEUE, 1).get(0)).join();
      assertThat(tables.count()).isZero();
      assertThat(connector.failedJobStore().count()).isZero();
    }
  }

  /** A ready job: awaitWork must not wait for its 30 s timeout. */
  private static void assertAwaitWorkReturnsAtOnce(JdbcConnector connector) {
    long start = System.nanoTime();
    try {
      connector.awaitWork(List.of(QUEUE), Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
