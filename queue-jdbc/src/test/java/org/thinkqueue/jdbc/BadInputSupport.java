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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;

/** A missing table and a payload column holding non-JSON, on one database. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class BadInputSupport {
  static final String QUEUE = "default";

  TestTables tables;

  protected abstract String jdbcUrl();

  /**
   * The DDL resource the database's dialect uses, e.g. {@code
   * org/thinkqueue/jdbc/schema/postgresql-v3.sql}.
   */
  protected abstract String ddlResource(WireFormat format);

  @BeforeEach
  void setUp() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4);
  }

  @AfterEach
  void tearDown() {
    tables.close();
  }

  @Test
  void aMissingJobsTableIsNamedWithTheDdlThatCreatesIt() {
    for (WireFormat format : WireFormat.values()) {
      assertThatThrownBy(() -> tables.connector(format).createSchemaIfMissing(false).build())
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("table"))
          .hasMessageContaining(tables.table)
          .hasMessageContaining(ddlResource(format))
          .hasMessageContaining("createSchemaIfMissing");
    }
  }

  @Test
  void aMissingFailedJobsTableIsNamedToo() {
    tables.connector(WireFormat.V3).build().close();
    tables.update("DROP TABLE " + tables.failedTable);
    assertThatThrownBy(() -> tables.connector(WireFormat.V3).createSchemaIfMissing(false).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(tables.failedTable)
        .hasMessageContaining(ddlResource(WireFormat.V3));
  }

  @Test
  void aPayloadColumnHoldingNonJsonIsFailedWithTheReasonAndTheWorkerGoesOn() {
    List<String> seen = new CopyOnWriteArrayList<>();
    JdbcConnector connector = tables.connector(WireFormat.V3).build();
    JobRegistry registry = new JobRegistry().handle("Known", String.class, seen::add);
    try (QueueManager manager =
        QueueManager.builder()
            .connection("database", connector)
            .registry(registry)
            .failedJobStore(connector.failedJobStore())
            .build()) {
      long now = System.currentTimeMillis() / 1000 - 1;
      tables.update(
          "INSERT INTO "
              + tables.table
              + " (queue, payload, attempts, reserve_time, available_time, "
              + "create_time) VALUES (?, ?, 0, NULL, ?, ?)",
          QUEUE,
          "<html>502 Bad Gateway</html>",
          now,
          now);
      manager.push("Known", "after", QUEUE);
      Worker worker =
          Worker.builder()
              .manager(manager)
              .queues(QUEUE)
              .maxJobs(2)
              .sleep(Duration.ofMillis(50))
              .build();

      assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

      assertThat(seen).containsExactly("after");
      List<FailedJob> failed = manager.failed().list(0, 10);
      assertThat(failed)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.connection()).isEqualTo("database");
                assertThat(f.queue()).isEqualTo(QUEUE);
                assertThat(f.payload()).isEqualTo("<html>502 Bad Gateway</html>");
                assertThat(f.exception())
                    .contains(PayloadException.class.getName())
                    .contains("not valid JSON");
              });
      assertThat(tables.count()).isZero();
      worker.close();
    }
  }
}
