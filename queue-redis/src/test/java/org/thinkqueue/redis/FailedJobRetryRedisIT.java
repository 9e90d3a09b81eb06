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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PayloadTooLargeException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;

/**
 * Retrying a failed job re-pushes what was accepted once, whatever the producer-side size limit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailedJobRetryRedisIT extends RedisQueueFixture {
  private static final String ID = "AbcdefghijklmnopqrstuvwxyzABCDEF";

  @Test
  void aFailedPhpJobOf600KiBIsRetriedAndRuns() {
    String q = queue("retry-big");
    List<Integer> seen = new CopyOnWriteArrayList<>();
    QueueManager manager =
        manager(
            connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER),
            new JobRegistry()
                .handle("app\\job\\Import", Rows.class, rows -> seen.add(rows.rows().length())));
    String rows = "r".repeat(600 * 1024);
    String failed =
        "{\"job\":\"app\\\\job\\\\Import\",\"maxTries\":null,\"timeout\":null,\"data\":{\"rows\":\""
            + rows
            + "\"},\"id\":\""
            + ID
            + "\",\"attempts\":3}";
    assertThatThrownBy(() -> manager.connection().pushRaw(failed, q))
        .isInstanceOf(PayloadTooLargeException.class);
    String recordId = manager.failed().store().record("redis", q, failed, "boom");

    assertThat(manager.failed().retry(recordId)).contains(ID);

    assertThat(admin.lrange(ready(WireFormat.V3, q), 0, -1))
        .containsExactly(failed.substring(0, failed.length() - "3}".length()) + "0}");
    assertThat(manager.failed().find(recordId)).isEmpty();
    Worker worker = build(worker(manager, q).tries(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(seen).containsExactly(rows.length());
    assertThat(manager.failed().count()).isZero();
  }

  public record Rows(String rows) {}
}
