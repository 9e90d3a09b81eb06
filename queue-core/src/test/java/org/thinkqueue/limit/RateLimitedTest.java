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
package org.thinkqueue.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;

class RateLimitedTest {
  private final MovableClock clock = new MovableClock();
  private final MemoryLimiterStore store = new MemoryLimiterStore(clock);
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger ran = new AtomicInteger();

  private RateLimited limited(RateLimit limit, Duration maxDelay) {
    return RateLimited.builder(store, limit, (job, data) -> "lim_shop:" + data)
        .maxDelay(maxDelay)
        .sleeper(sleeps::add)
        .build();
  }

  @Test
  void runsTheHandlerWithinTheLimitAndSnoozesTheNextJobUntilItsTurn() throws Exception {
    RateLimited limit = limited(RateLimit.perSecond(2).withBurst(2), Duration.ZERO);
    RecordingJob a = new RecordingJob("a");
    RecordingJob b = new RecordingJob("b");
    RecordingJob c = new RecordingJob("c");

    limit.handle(a, "acme", ran::incrementAndGet);
    limit.handle(b, "acme", ran::incrementAndGet);
    limit.handle(c, "acme", ran::incrementAndGet);

    assertThat(ran).hasValue(2);
    assertThat(a.snoozes).isEmpty();
    assertThat(c.snoozes).containsExactly(Duration.ofMillis(500));
    assertThat(c.released).as("settled by the middleware, handler not run").isTrue();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void jobsDeniedOneAfterTheOtherComeBackOneSlotApart() throws Exception {
    RateLimited limit = limited(RateLimit.perSecond(10), Duration.ZERO);
    limit.handle(new RecordingJob("first"), "acme", ran::incrementAndGet);
    List<Duration> turns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordingJob j = new RecordingJob("j" + i);
      limit.handle(j, "acme", ran::incrementAndGet);
      turns.addAll(j.snoozes);
    }
    assertThat(turns)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(ran).hasValue(1);
  }

  @Test
  void aSlotWithinMaxDelayIsWaitedForOnTheThreadThenTheHandlerRuns() throws Exception {
    RateLimited limit = limited(RateLimit.perSecond(50), Duration.ofMillis(100));
    RecordingJob a = new RecordingJob("a");
    RecordingJob b = new RecordingJob("b");
    limit.handle(a, "acme", ran::incrementAndGet);
    clock.advance(Duration.ofMillis(5));
    limit.handle(b, "acme", ran::incrementAndGet);

    assertThat(sleeps).containsExactly(Duration.ofMillis(15));
    assertThat(ran).hasValue(2);
    assertThat(b.snoozes).isEmpty();
  }

  @Test
  void keysAreIndependentAndANullKeyRunsUnlimited() throws Exception {
    RateLimited limit = limited(RateLimit.perSecond(1), Duration.ZERO);
    limit.handle(new RecordingJob("a"), "acme", ran::incrementAndGet);
    limit.handle(new RecordingJob("b"), "globex", ran::incrementAndGet);
    RateLimited unkeyed =
        RateLimited.builder(store, RateLimit.perSecond(1), (job, data) -> null)
            .maxDelay(Duration.ZERO)
            .build();
    for (int i = 0; i < 5; i++) {
      unkeyed.handle(new RecordingJob("n" + i), "acme", ran::incrementAndGet);
    }
    assertThat(ran).hasValue(7);
  }

  @Test
  void aStoreFailureFailsTheAttemptWithoutRunningTheHandler() {
    LimiterStore down =
        new LimiterStore() {
          @Override
          public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
            throw ConnectionException.transientFailure("Redis failed to take a rate permit", null);
          }

          @Override
          public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean renewLease(String key, String token, Duration leaseTime) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void releaseLease(String key, String token) {
            throw new UnsupportedOperationException();
          }
        };
    RateLimited limit = RateLimited.of(down, RateLimit.perSecond(1), (job, data) -> "k");
    RecordingJob job = new RecordingJob("a");
    assertThatThrownBy(() -> limit.handle(job, "acme", ran::incrementAndGet))
        .isInstanceOf(ConnectionException.class);
    assertThat(ran).hasValue(0);
    assertThat(job.snoozes).isEmpty();
  }

  @Test
  void refusesMissingPartsAndABadMaxDelay() {
    assertThatThrownBy(() -> RateLimited.of(null, RateLimit.perSecond(1), (j, d) -> "k"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'store'");
    assertThatThrownBy(() -> RateLimited.of(store, null, (j, d) -> "k"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'limit'");
    assertThatThrownBy(() -> RateLimited.of(store, RateLimit.perSecond(1), null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'key'");
    assertThatThrownBy(
            () ->
                RateLimited.builder(store, RateLimit.perSecond(1), (j, d) -> "k")
                    .maxDelay(Duration.ofMillis(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'maxDelay': PT-0.001S");
  }

  @Test
  void anOverlongKeyIsRefusedWithoutQuotingIt() {
    RateLimited limit =
        RateLimited.of(store, RateLimit.perSecond(1), (job, data) -> "x".repeat(256));
    assertThatThrownBy(() -> limit.handle(new RecordingJob("a"), "acme", ran::incrementAndGet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A limit key must have 1 to 255 characters, was 256 characters");
  }
}
