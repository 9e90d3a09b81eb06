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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;

/**
 * A manager configured with only a JDBC connection keeps failed jobs in that connection's {@code
 * failed_jobs} table, so they outlive the process: nothing else has to be configured.
 */
abstract class QueueManagerDefaultFailedStoreSupport {
  private static final String QUEUE = "default-failed";
  private TestTables tables;

  protected abstract String jdbcUrl();

  @AfterEach
  void dropTables() {
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFailedJobIsRecordedInTheConnectionsTableAndSurvivesANewManager() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4);
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "Boom",
                String.class,
                data -> {
                  throw new IllegalStateException("always fails");
                });
    String jobId;
    try (QueueManager manager =
        QueueManager.builder()
            .connection("database", tables.connector(WireFormat.V3).build())
            .registry(registry)
            .build()) {
      assertThat(manager.failed().store())
          .isInstanceOf(JdbcFailedJobStore.class)
          .hasToString("JdbcFailedJobStore{table=" + tables.failedTable + "}");
      jobId = manager.push("Boom", "order-17", QUEUE);
      try (Worker worker =
          Worker.builder()
              .manager(manager)
              .queues(QUEUE)
              .tries(1)
              .sleep(Duration.ofMillis(50))
              .build()) {
        assertThat(worker.runOnce()).isTrue();
      }
    }

    List<Map<String, Object>> rows =
        tables.query("SELECT connection, queue, payload, exception FROM " + tables.failedTable);
    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("connection")).isEqualTo("database");
              assertThat(row.get("queue")).isEqualTo(QUEUE);
              assertThat((String) row.get("payload"))
                  .contains("\"job\":\"Boom\"")
                  .contains("order-17");
              assertThat((String) row.get("exception")).contains("always fails");
            });
    assertThat(tables.count()).isZero();

    // A new process: a new connector and manager on the same tables still has the record, and can
    // retry it.
    try (QueueManager restarted =
        QueueManager.builder()
            .connection("database", tables.connector(WireFormat.V3).build())
            .registry(registry)
            .build()) {
      List<FailedJob> failed = restarted.failed().list(0, 10);
      assertThat(failed).singleElement().satisfies(f -> assertThat(f.queue()).isEqualTo(QUEUE));
      assertThat(restarted.failed().retry(failed.get(0).id()))
          .isPresent()
          .get()
          .isNotEqualTo(jobId);
      assertThat(tables.count()).isEqualTo(1);
      assertThat(restarted.failed().count()).isZero();
    }
  }
}
