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
package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.event.JobReleased;

/** The default back-off is exponential with jitter and a cap; delay(0) still releases at once. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerBackoffTest extends WorkerFixture {

  /** Always draws the lowest (or the highest) jitter. */
  private static RandomGenerator extreme(boolean highest) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("the back-off draws bounded values only");
      }

      @Override
      public long nextLong(long bound) {
        return highest ? bound - 1 : 0;
      }
    };
  }

  @Test
  void exponentialDoublesPerAttemptUpToTheCapWithEqualJitter() {
    Backoff low = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), extreme(false));
    Backoff high = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), extreme(true));

    assertThat(low.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(high.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(low.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(high.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(low.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(high.delayAfter(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(low.delayAfter(10)).isEqualTo(Duration.ofSeconds(150));
    assertThat(high.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(low.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(150));
    assertThat(high.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    assertThat(low.delayAfter(0))
        .as("attempts below 1 count as 1")
        .isEqualTo(Duration.ofMillis(500));
    assertThat(low.delayAfter(-7)).isEqualTo(Duration.ofMillis(500));
    assertThat(
            Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(1), extreme(false))
                .delayAfter(1))
        .as("never zero")
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void theDefaultIsExponentialFromOneSecondToFiveMinutesAndJittered() {
    assertThat(Worker.DEFAULT_BACKOFF).isSameAs(Backoff.DEFAULT);
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration d = Backoff.DEFAULT.delayAfter(3);
      assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
      seen.add(d);
      assertThat(Backoff.DEFAULT.delayAfter(1000))
          .isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
    assertThat(seen).as("jittered").hasSizeGreaterThan(10);
    assertThat(Backoff.DEFAULT).hasToString("exponential from 1s to 5min with equal jitter");
  }

  @Test
  void fixedAndListedDelays() {
    assertThat(Backoff.fixed(Duration.ZERO).delayAfter(5)).isZero();
    assertThat(Backoff.NONE).hasToString("none (immediate release)");
    assertThat(Backoff.fixed(Duration.ofSeconds(3))).hasToString("fixed 3s");
    Backoff list =
        Backoff.list(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMinutes(2));
    assertThat(list.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(list.delayAfter(2)).isEqualTo(Duration.ofMillis(1500));
    assertThat(list.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(list.delayAfter(99)).isEqualTo(Duration.ofMinutes(2));
    assertThat(list).hasToString("per attempt [1s, 1500ms, 2min]");
  }

  @Test
  void refusesBadBackoffsNamingTheSetting() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backoff base");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backoff cap");
    assertThatThrownBy(() -> Backoff.fixed(null)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> Worker.builder().backoff((Backoff) null))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void byDefaultAThrowingJobIsReleasedWithTheExponentialDelay() {
    WorkerRetryTest.Throwing handler = new WorkerRetryTest.Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    Worker worker =
        build(Worker.builder().manager(manager).queues(QUEUE).tries(3).listener(events));

    assertThat(worker.runOnce()).isTrue();

    assertThat(connector.readyPayloads(QUEUE)).isEmpty();
    assertThat(connector.delayedPayloads(QUEUE)).hasSize(1);
    Duration first = events.of(JobReleased.class).get(0).delay();
    assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isFalse();

    clock.advance(first);
    assertThat(worker.runOnce()).isTrue();
    assertThat(events.of(JobReleased.class).get(1).delay())
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(handler.attempts).containsExactly(1, 2);
  }

  @Test
  void delayZeroStillReleasesAtOnceAsThinkQueueDoes() {
    WorkerRetryTest.Throwing handler = new WorkerRetryTest.Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    Worker worker =
        build(
            Worker.builder()
                .manager(manager)
                .queues(QUEUE)
                .tries(3)
                .delay(Duration.ZERO)
                .listener(events));

    assertThat(worker.runOnce()).isTrue();
    assertThat(connector.readyPayloads(QUEUE)).hasSize(1);
    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.attempts).containsExactly(1, 2);
    assertThat(events.of(JobReleased.class))
        .extracting(JobReleased::delay)
        .containsExactly(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void theStartLineNamesTheFailedJobStoreAndDescribesTheBackoff() {
    Worker worker =
        build(Worker.builder().manager(manager).queues(QUEUE).once(true).sleep(Duration.ZERO));

    try (CapturedLog log = new CapturedLog()) {
      assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

      assertThat(log.lines("Worker started: connection=memory"))
          .singleElement()
          .asString()
          .contains("backoff=exponential from 1s to 5min with equal jitter")
          .contains("maxPayloadReadBytes=" + Worker.DEFAULT_MAX_PAYLOAD_READ_BYTES)
          .contains("failedStore=" + manager.failed().store());
    }
  }
}
