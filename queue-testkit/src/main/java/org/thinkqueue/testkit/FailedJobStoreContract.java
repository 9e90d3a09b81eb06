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
package org.thinkqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.FailedJobStore;

/**
 * What every failed-job store does (think-queue's failer: log, all, find, forget, flush), checked
 * against the real backing store. Subclasses supply an empty store.
 */
public abstract class FailedJobStoreContract {
  private static final String PAYLOAD =
      "{\"job\":\"Shop@sync\",\"maxTries\":null,\"timeout\":null,\"data\":{\"order\":1234567890123456789,"
          + "\"note\":\"a/b \\u00e9 \u00e9 \ud83d\ude00\"},\"id\":\"AbcdefghijklmnopqrstuvwxyzABCDEF\",\"attempts\":3}";

  /** The store under test: {@link #createEmptyStore()}'s, flushed again before each test. */
  protected FailedJobStore store;

  /**
   * A store with no records (flushed or fresh). Called on the test thread before each test; the
   * contract flushes it once more before using it, so a store shared between tests is fine.
   *
   * @return the store under test, on its real backing store
   */
  protected abstract FailedJobStore createEmptyStore();

  @BeforeEach
  void setUpStore() {
    store = createEmptyStore();
    store.flush();
  }

  @Test
  void recordsAndFindsAJobWithItsErrorExactly() {
    Instant before = Instant.now().minusSeconds(2);
    String exception = "java.io.IOException: Shopify said 503\n\tat Shop.sync(Shop.java:10)\n";
    String id = store.record("redis", "fulfillment_shopify_order", PAYLOAD, exception);
    assertThat(id).isNotBlank();
    FailedJob job = store.find(id).orElseThrow();
    assertThat(job.id()).isEqualTo(id);
    assertThat(job.connection()).isEqualTo("redis");
    assertThat(job.queue()).isEqualTo("fulfillment_shopify_order");
    assertThat(job.payload()).isEqualTo(PAYLOAD);
    assertThat(job.exception()).isEqualTo(exception);
    assertThat(job.jobName()).isEqualTo("Shop@sync");
    assertThat(job.failedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(2));
  }

  @Test
  void listsNewestFirstWithOffsetAndLimit() {
    String a = store.record("c", "q", PAYLOAD, "a");
    String b = store.record("c", "q", PAYLOAD, "b");
    String c = store.record("c", "q", PAYLOAD, "c");
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.list(0, 10)).extracting(FailedJob::id).containsExactly(c, b, a);
    assertThat(store.list(1, 1)).extracting(FailedJob::id).containsExactly(b);
    assertThat(store.list(3, 10)).isEmpty();
    assertThat(store.list(0, 0)).isEmpty();
    assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
  }

  /**
   * Records made back to back, many within one clock tick, list in the order they were recorded:
   * ids 9 and 10 (or 99 and 100) in the wrong order would mean the store orders by time and breaks
   * ties as text.
   */
  @Test
  void listsRecordsMadeInTheSameInstantInRecordingOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(store.record("c", "q", PAYLOAD, "e" + i));
    }
    List<String> newestFirst = new ArrayList<>(ids);
    Collections.reverse(newestFirst);

    assertThat(store.list(0, 200)).extracting(FailedJob::id).containsExactlyElementsOf(newestFirst);
    assertThat(store.list(0, 200)).extracting(FailedJob::exception).first().isEqualTo("e119");
    assertThat(store.list(110, 5))
        .extracting(FailedJob::id)
        .containsExactlyElementsOf(newestFirst.subList(110, 115));
  }

  @Test
  void forgetsOneAndFlushesAll() {
    String a = store.record("c", "q", PAYLOAD, "a");
    String b = store.record("c", "q", PAYLOAD, "b");
    assertThat(store.forget(a)).isTrue();
    assertThat(store.forget(a)).isFalse();
    assertThat(store.forget("no-such-id")).isFalse();
    assertThat(store.find(a)).isEmpty();
    assertThat(store.find(b)).isPresent();
    store.flush();
    assertThat(store.count()).isZero();
    assertThat(store.list(0, 10)).isEmpty();
    assertThat(store.find(b)).isEmpty();
  }

  @Test
  void retryRepushesTheOriginalPayloadWithAttemptsResetAndForgetsTheRecord() {
    MemoryConnector memory = MemoryConnector.builder().retryAfter(Duration.ofSeconds(60)).build();
    QueueManager manager =
        QueueManager.builder()
            .connection("redis", memory)
            .registry(new JobRegistry())
            .failedJobStore(store)
            .build();
    String id = store.record("redis", "fulfillment_shopify_order", PAYLOAD, "boom");
    assertThat(manager.failed().retry(id)).contains("AbcdefghijklmnopqrstuvwxyzABCDEF");
    assertThat(store.find(id)).isEmpty();
    List<String> ready = memory.readyPayloads("fulfillment_shopify_order");
    assertThat(ready).hasSize(1);
    assertThat(Payload.parse(ready.get(0)).attempts()).hasValue(0);
    assertThat(ready.get(0)).isEqualTo(PAYLOAD.replace("\"attempts\":3}", "\"attempts\":0}"));
    assertThat(manager.failed().retry(id)).isEmpty();
  }
}
