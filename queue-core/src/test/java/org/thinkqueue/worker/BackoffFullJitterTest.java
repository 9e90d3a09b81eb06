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
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;

/** Exponential back-off with full jitter: uniform from zero to the capped ceiling. */
class BackoffFullJitterTest {
  /** Always draws the lowest (or the highest) value, and records the bounds asked for. */
  private static final class Extreme implements RandomGenerator {
    final boolean highest;
    final Set<Long> bounds = new HashSet<>();

    Extreme(boolean highest) {
      this.highest = highest;
    }

    @Override
    public long nextLong() {
      throw new AssertionError("the back-off draws bounded values only");
    }

    @Override
    public long nextLong(long bound) {
      bounds.add(bound);
      return highest ? bound - 1 : 0;
    }
  }

  @Test
  void theCeilingDoublesUpToTheCapAndTheDelayIsDrawnFromZeroToIt() {
    Backoff low =
        Backoff.exponentialFullJitter(
            Duration.ofSeconds(2), Duration.ofMinutes(1), new Extreme(false));
    Backoff high =
        Backoff.exponentialFullJitter(
            Duration.ofSeconds(2), Duration.ofMinutes(1), new Extreme(true));

    assertThat(low.delayAfter(1)).isZero();
    assertThat(low.delayAfter(9)).isZero();
    assertThat(high.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(high.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(high.delayAfter(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(high.delayAfter(6)).as("capped").isEqualTo(Duration.ofMinutes(1));
    assertThat(high.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    assertThat(high.delayAfter(0))
        .as("attempts below 1 count as 1")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theDrawIsUniformOverTheWholeRange() {
    Extreme spy = new Extreme(false);
    Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(10), spy).delayAfter(3);
    assertThat(spy.bounds).containsExactly(4001L);

    Backoff real = Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long ms = real.delayAfter(4).toMillis();
      assertThat(ms).isBetween(0L, 8000L);
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertThat(min).as("reaches below the equal-jitter floor").isLessThan(4000);
    assertThat(max).isGreaterThan(4000);
  }

  @Test
  void itDescribesItselfAndValidatesLikeTheEqualJitterOne() {
    assertThat(Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofMinutes(5)))
        .hasToString("exponential from 1s to 5min with full jitter");
    assertThatThrownBy(() -> Backoff.exponentialFullJitter(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backoff base");
    assertThatThrownBy(
            () -> Backoff.exponentialFullJitter(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backoff cap");
    assertThatThrownBy(
            () -> Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofDays(366)))
        .isInstanceOf(ConfigurationException.class);
  }
}
