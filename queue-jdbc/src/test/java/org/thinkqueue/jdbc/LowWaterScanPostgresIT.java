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

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/**
 * PostgreSQL reserves from a low-water id while a backlog lasts. Jobs behind the mark are not
 * forgotten: a delayed job that falls due and a transactional push that commits after later rows
 * were reserved are both reserved within about a second, although the front of the queue never runs
 * dry.
 */
@RequiresService(Service.POSTGRES)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LowWaterScanPostgresIT {
  private static final String QUEUE = "lowwater";
  private TestTables tables;
  private JdbcConnector connector;
  private QueueManager manager;

  @BeforeEach
  void setUp() throws SQLException {
    tables = new TestTables(Services.postgresJdbcUrl(), getClass().getSimpleName(), 4);
    connector = tables.connector(WireFormat.V3).build();
    JobRegistry registry = new JobRegistry();
    registry.handle("Job", String.class, s -> {});
    manager = QueueManager.builder().connection("database", connector).registry(registry).build();
  }

  @AfterEach
  void tearDown() {
    manager.close();
    tables.close();
  }

  /**
   * Pops two at a time, deleting each, while pushing two more, until {@code wanted} shows up or 10
   * s pass.
   */
  private long popsUntil(String wanted, QueueConnection q) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
      List<ReservedJob> got = connector.pop(QUEUE, 2);
      for (ReservedJob j : got) {
        connector.delete(j);
        if (j.rawBody().contains(wanted)) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
      }
      q.push("Job", "filler", QUEUE);
      q.push("Job", "filler", QUEUE);
    }
    return -1;
  }

  @Test
  void aDelayedJobBehindTheMarkIsReservedWhenDueDuringABacklog() {
    QueueConnection q = manager.connection();
    q.later(Duration.ofSeconds(1), "Job", "the-delayed-one", QUEUE);
    List<String> filler = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      filler.add("filler");
    }
    q.bulk("Job", filler, QUEUE);

    long waitedMs = popsUntil("the-delayed-one", q);

    assertThat(waitedMs)
        .as("the delayed job (lowest id) was reserved while the backlog lasted")
        .isPositive()
        .isLessThan(4_000);
  }

  @Test
  void aTransactionalPushCommittedAfterLaterRowsIsReserved() throws SQLException {
    QueueConnection q = manager.connection();
    try (Connection tx = tables.pool.getConnection()) {
      tx.setAutoCommit(false);
      q.push(tx, "Job", "the-late-commit", QUEUE); // takes its id now
      List<String> filler = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        filler.add("filler");
      }
      q.bulk("Job", filler, QUEUE); // higher ids, visible at once
      for (int i = 0; i < 10; i++) {
        connector
            .pop(QUEUE, 2)
            .forEach(connector::delete); // the mark moves past the uncommitted row
      }
      tx.commit();
    }

    long waitedMs = popsUntil("the-late-commit", q);

    assertThat(waitedMs)
        .as("the row committed behind the mark was reserved")
        .isGreaterThanOrEqualTo(0)
        .isLessThan(4_000);
  }
}
