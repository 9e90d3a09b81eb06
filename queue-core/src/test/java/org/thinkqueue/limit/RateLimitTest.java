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
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;

class RateLimitTest {
  @Test
  void perSecondSpacesPermitsEvenlyWithoutBurst() {
    RateLimit r = RateLimit.perSecond(50);
    assertThat(r.emissionInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(r.burst()).isEqualTo(1);
    assertThat(r.burstToleranceMicros()).isZero();
  }

  @Test
  void shopifysBucketHoldsFortyAtTwoPerSecond() {
    RateLimit r = RateLimit.perSecond(2).withBurst(40);
    assertThat(r.emissionIntervalMicros()).isEqualTo(500_000);
    assertThat(r.burstToleranceMicros()).isEqualTo(39 * 500_000L);
    assertThat(r).isEqualTo(RateLimit.of(2, Duration.ofSeconds(1)).withBurst(40));
    assertThat(r.toString()).isEqualTo("2 per PT1S, burst 40");
  }

  @Test
  void intervalIsRoundedUpSoNoStoreGrantsFasterThanTheLimit() {
    assertThat(RateLimit.perSecond(3).emissionIntervalMicros()).isEqualTo(333_334);
    assertThat(RateLimit.of(1, Duration.ofNanos(1500)).emissionIntervalMicros()).isEqualTo(2);
  }

  @Test
  void refusesBadValuesNamingTheSetting() {
    assertThatThrownBy(() -> RateLimit.perSecond(0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'permits': 0");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'period'");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofDays(2)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'period'");
    assertThatThrownBy(() -> RateLimit.perSecond(2_000_000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("one per microsecond");
    assertThatThrownBy(() -> RateLimit.perSecond(1).withBurst(0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'burst': 0");
    assertThatThrownBy(() -> RateLimit.perMinute(1).withBurst(100_000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'burst'");
  }
}
