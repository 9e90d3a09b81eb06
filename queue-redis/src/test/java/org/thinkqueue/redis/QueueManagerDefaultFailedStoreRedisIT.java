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
package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * A manager configured with only a Redis connection keeps failed jobs in that Redis (the default
 * store, {@value RedisFailedJobStore#DEFAULT_NAME}), so they outlive the process. The default keys
 * are shared with every suite on the server: this test finds its record by its unique queue and
 * forgets only that record.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueManagerDefaultFailedStoreRedisIT extends RedisQueueFixture {
  private static final String JOBS_KEY = "{" + RedisFailedJobStore.DEFAULT_NAME + "}:jobs";
  private final List<String> recordIds = new ArrayList<>();

  @AfterEach
  void forgetOwnRecords() {
    try (RedisConnector c = connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER)) {
      recordIds.forEach(id -> c.failedJobStore().forget(id));
    }
  }

  @Test
  void aFailedJobIsRecordedInRedisAndSurvivesANewManager() {
    String q = queue("default-failed");
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "Boom",
                String.class,
                data -> {
                  throw new IllegalStateException("always fails");
                });
    QueueManager manager =
        track(
            QueueManager.builder()
                .connection("redis", connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER))
                .registry(registry)
                .build());
    assertThat(manager.failed().store())
        .isInstanceOf(RedisFailedJobStore.class)
        .hasToString("RedisFailedJobStore{name=" + RedisFailedJobStore.DEFAULT_NAME + "}");
    manager.push("Boom", "order-17", q);
    Worker worker = build(worker(manager, q).tries(1));
    assertThat(worker.runOnce()).isTrue();

    Optional<FailedJob> mine = findByQueue(manager, q);
    assertThat(mine).isPresent();
    recordIds.add(mine.get().id());
    assertThat(admin.hget(JOBS_KEY, mine.get().id())).contains(q).contains("always fails");
    assertThat(sizeOf(WireFormat.V3, q).total()).isZero();

    // A new process: a new connector and manager on the same server still has the record, and can
    // retry it.
    QueueManager restarted =
        track(
            QueueManager.builder()
                .connection("redis", connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER))
                .registry(registry)
                .build());
    assertThat(findByQueue(restarted, q))
        .get()
        .satisfies(
            f -> {
              assertThat(f.payload()).contains("\"job\":\"Boom\"").contains("order-17");
              assertThat(f.connection()).isEqualTo("redis");
            });
    assertThat(restarted.failed().retry(mine.get().id())).isPresent();
    assertThat(admin.llen(ready(WireFormat.V3, q))).isEqualTo(1);
    assertThat(admin.hget(JOBS_KEY, mine.get().id())).isNull();
  }

  private static Optional<FailedJob> findByQueue(QueueManager manager, String queue) {
    // newest first; other suites' records may be interleaved, so look a little further than one
    return manager.failed().list(0, 1000).stream().filter(f -> queue.equals(f.queue())).findFirst();
  }
}
