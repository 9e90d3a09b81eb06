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

import java.time.Duration;

/**
 * The arithmetic of a rate limit, for {@link LimiterStore} implementations: the generic cell rate
 * algorithm (a leaky bucket kept as one time, the theoretical arrival time {@code tat}) plus a turn
 * for callers it denies. A store keeps {@code tat} and {@code turn} per key (microseconds on its
 * own clock; 0 for a key it never saw), runs {@link #step} on them atomically with its current
 * time, and stores what it returns. The Redis store runs the same steps in Lua.
 *
 * <p>A request conforms when {@code max(tat, now) - burstTolerance <= now}; it is granted and
 * {@code tat} moves one emission interval on. A request that would conform within {@code maxDelay}
 * is granted the same way, with that delay: its slot is booked, so nobody else takes it. Any other
 * request is denied and given the next free turn, one emission interval after the previous denied
 * caller's, never before its first conforming time; the grant itself is decided when it comes back,
 * so turns given to callers that never return cost nothing but their own wait.
 */
public final class Gcra {
  private Gcra() {}

  /**
   * One request.
   *
   * @param limit the rate
   * @param tat the stored theoretical arrival time, µs (0 if none)
   * @param turn the stored next turn for a denied caller, µs (0 if none)
   * @param now the store's time, µs
   * @param maxDelayMicros the longest wait for a slot the caller accepts, µs, 0 or more
   * @return the decision and the values to store
   */
  public static Step step(RateLimit limit, long tat, long turn, long now, long maxDelayMicros) {
    long interval = limit.emissionIntervalMicros();
    long t = Math.max(tat, now);
    long start = t - limit.burstToleranceMicros();
    long wait = start - now;
    if (wait <= maxDelayMicros) {
      return new Step(RateDecision.granted(micros(Math.max(wait, 0))), t + interval, turn);
    }
    long mine = Math.max(turn, start);
    return new Step(RateDecision.denied(micros(mine - now)), t, mine + interval);
  }

  private static Duration micros(long micros) {
    return Duration.ofNanos(Math.multiplyExact(micros, 1000L));
  }

  /**
   * The outcome of one request.
   *
   * @param decision the answer to the caller
   * @param tat the theoretical arrival time to store, µs
   * @param turn the next turn to store, µs
   */
  public record Step(RateDecision decision, long tat, long turn) {
    /**
     * {@return the time after which the stored state means nothing (as if the key were new), µs: a
     * store may drop the key then}
     */
    public long idleAfter() {
      return Math.max(tat, turn);
    }
  }
}
