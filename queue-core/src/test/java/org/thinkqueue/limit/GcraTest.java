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

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GcraTest {
  private static final long NOW = 1_000_000_000_000L;
  private static final RateLimit TEN_BURST_3 = RateLimit.perSecond(10).withBurst(3);

  @Test
  void anIdleKeyGrantsItsBurstThenDeniesForOneInterval() {
    long tat = 0;
    long turn = 0;
    for (int i = 0; i < 3; i++) {
      Gcra.Step s = Gcra.step(TEN_BURST_3, tat, turn, NOW, 0);
      assertThat(s.decision()).isEqualTo(RateDecision.granted(Duration.ZERO));
      tat = s.tat();
      turn = s.turn();
    }
    Gcra.Step denied = Gcra.step(TEN_BURST_3, tat, turn, NOW, 0);
    assertThat(denied.decision()).isEqualTo(RateDecision.denied(Duration.ofMillis(100)));
    assertThat(denied.tat()).isEqualTo(tat);

    Gcra.Step later = Gcra.step(TEN_BURST_3, denied.tat(), denied.turn(), NOW + 100_000, 0);
    assertThat(later.decision().isGranted()).isTrue();
  }

  @Test
  void deniedCallersGetTurnsOneIntervalApart() {
    RateLimit r = RateLimit.perSecond(50);
    Gcra.Step s = Gcra.step(r, 0, 0, NOW, 0);
    long tat = s.tat();
    long turn = s.turn();
    for (int i = 1; i <= 4; i++) {
      Gcra.Step d = Gcra.step(r, tat, turn, NOW + 1000, 0);
      assertThat(d.decision().isGranted()).isFalse();
      assertThat(d.decision().delay()).isEqualTo(Duration.ofMillis(20L * i).minusNanos(1_000_000));
      tat = d.tat();
      turn = d.turn();
    }
  }

  @Test
  void aSlotWithinMaxDelayIsBookedAndGrantedWithItsDelay() {
    RateLimit r = RateLimit.perSecond(50);
    Gcra.Step first = Gcra.step(r, 0, 0, NOW, 30_000);
    Gcra.Step booked = Gcra.step(r, first.tat(), first.turn(), NOW + 5_000, 30_000);
    assertThat(booked.decision()).isEqualTo(RateDecision.granted(Duration.ofMillis(15)));
    Gcra.Step beyond = Gcra.step(r, booked.tat(), booked.turn(), NOW + 5_000, 30_000);
    assertThat(beyond.decision()).isEqualTo(RateDecision.denied(Duration.ofMillis(35)));
  }

  @Test
  void stateIsLikeANewKeyOnceIdle() {
    RateLimit r = RateLimit.perSecond(2).withBurst(4);
    long tat = 0;
    long turn = 0;
    for (int i = 0; i < 6; i++) {
      Gcra.Step s = Gcra.step(r, tat, turn, NOW, 0);
      tat = s.tat();
      turn = s.turn();
    }
    Gcra.Step last = Gcra.step(r, tat, turn, NOW, 0);
    long idle = last.idleAfter();
    Gcra.Step after = Gcra.step(r, last.tat(), last.turn(), idle, 0);
    Gcra.Step fresh = Gcra.step(r, 0, 0, idle, 0);
    assertThat(after.decision()).isEqualTo(fresh.decision());
    assertThat(after.tat()).isEqualTo(fresh.tat());
  }
}
