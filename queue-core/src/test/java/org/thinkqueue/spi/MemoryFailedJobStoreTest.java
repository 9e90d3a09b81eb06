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
package org.thinkqueue.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.thinkqueue.FailedJob;
import org.thinkqueue.testing.MutableClock;

class MemoryFailedJobStoreTest {
  private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
  private final MemoryFailedJobStore store = new MemoryFailedJobStore(clock);

  private String record(int i) {
    clock.advance(Duration.ofSeconds(1));
    return store.record("redis", "q" + i, "{\"job\":\"j" + i + "\"}", "e" + i);
  }

  @Test
  void listIsNewestFirstWithOffsetAndLimit() {
    for (int i = 1; i <= 5; i++) {
      record(i);
    }
    assertThat(store.list(0, 10))
        .extracting(FailedJob::queue)
        .containsExactly("q5", "q4", "q3", "q2", "q1");
    assertThat(store.list(1, 2)).extracting(FailedJob::queue).containsExactly("q4", "q3");
    assertThat(store.list(4, 10)).extracting(FailedJob::queue).containsExactly("q1");
    assertThat(store.list(5, 10)).isEmpty();
    assertThat(store.list(0, 0)).isEmpty();
    assertThat(store.count()).isEqualTo(5);
  }

  @Test
  void recordsKeepWhatWasGiven() {
    String id = record(1);
    FailedJob job = store.find(id).orElseThrow();
    assertThat(job)
        .isEqualTo(
            new FailedJob(
                id, "redis", "q1", "{\"job\":\"j1\"}", "e1", Instant.ofEpochSecond(1_700_000_001)));
    assertThat(job.jobName()).isEqualTo("j1");
    assertThat(new FailedJob("x", "c", "q", "garbage", "e", Instant.EPOCH).jobName())
        .isEqualTo("?");
  }

  @Test
  void forgetAndFlush() {
    String a = record(1);
    String b = record(2);
    assertThat(store.forget(a)).isTrue();
    assertThat(store.forget(a)).isFalse();
    assertThat(store.forget("nope")).isFalse();
    assertThat(store.find(a)).isEmpty();
    assertThat(store.find(b)).isPresent();
    assertThat(store.find(null)).isEmpty();
    store.flush();
    assertThat(store.count()).isZero();
    assertThat(record(3)).isNotIn(a, b);
  }
}
