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
import java.util.Objects;
import org.thinkqueue.ConfigurationException;

/**
 * A rate: {@code permits} per {@code period}, with a burst. Enforced as a leaky bucket (the generic
 * cell rate algorithm, {@link Gcra}): permits are spaced by the emission interval {@code period /
 * permits}, and a key that was idle may take up to {@code burst} at once. In any window of length
 * {@code w} at most {@code burst - 1 + w / interval + 1} permits are granted; with the default
 * burst of 1 that is at most {@code permits} in any {@code period}.
 *
 * <pre>{@code
 * RateLimit.perSecond(2).withBurst(40)   // Shopify's REST Admin API: 2 per second, a bucket of 40
 * RateLimit.perMinute(600)               // one every 100 ms, no burst
 * }</pre>
 *
 * <p>Immutable; equal when permits, period and burst are.
 */
public final class RateLimit {
  /** The longest period: a day. */
  public static final Duration MAX_PERIOD = Duration.ofDays(1);

  private final int permits;
  private final Duration period;
  private final int burst;
  private final long intervalMicros;

  private RateLimit(int permits, Duration period, int burst) {
    this.permits = permits;
    this.period = period;
    this.burst = burst;
    // Rounded up: a store never grants faster than the limit.
    long micros = Math.floorDiv(period.toNanos() + 999L, 1000L);
    this.intervalMicros = (micros + permits - 1) / permits;
  }

  /**
   * {@code permits} per second, no burst.
   *
   * @param permits how many, at least 1
   * @return the rate
   * @throws ConfigurationException if {@code permits} is less than 1 or over 1,000,000
   */
  public static RateLimit perSecond(int permits) {
    return of(permits, Duration.ofSeconds(1));
  }

  /**
   * {@code permits} per minute, no burst.
   *
   * @param permits how many, at least 1
   * @return the rate
   * @throws ConfigurationException if {@code permits} is less than 1 or over 60,000,000
   */
  public static RateLimit perMinute(int permits) {
    return of(permits, Duration.ofMinutes(1));
  }

  /**
   * {@code permits} per {@code period}, no burst.
   *
   * @param permits how many, at least 1
   * @param period the period, positive and at most {@link #MAX_PERIOD}
   * @return the rate
   * @throws ConfigurationException naming the bad value if {@code permits} is less than 1, {@code
   *     period} is not positive or longer than a day, or the interval between permits would be
   *     under a microsecond
   */
  public static RateLimit of(int permits, Duration period) {
    if (permits < 1) {
      throw new ConfigurationException("permits", permits, "at least 1");
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new ConfigurationException("period", period, "a positive duration");
    }
    if (period.compareTo(MAX_PERIOD) > 0) {
      throw new ConfigurationException("period", period, "at most " + MAX_PERIOD);
    }
    if (period.toNanos() / permits < 1000L) {
      throw new ConfigurationException(
          "permits", permits, "at most one per microsecond: at most " + period.toNanos() / 1000L);
    }
    return new RateLimit(permits, period, 1);
  }

  /**
   * This rate with a burst: how many permits a key that was idle may take at once (the leaky
   * bucket's size).
   *
   * @param burst at least 1 (1: evenly spaced, the default)
   * @return a new rate
   * @throws ConfigurationException if {@code burst} is less than 1, or the bucket would hold more
   *     than a day of permits
   */
  public RateLimit withBurst(int burst) {
    if (burst < 1) {
      throw new ConfigurationException("burst", burst, "at least 1");
    }
    if ((burst - 1L) * intervalMicros > MAX_PERIOD.toNanos() / 1000L) {
      throw new ConfigurationException(
          "burst", burst, "at most a day's worth of permits at this rate");
    }
    return new RateLimit(permits, period, burst);
  }

  /** {@return how many permits per period} */
  public int permits() {
    return permits;
  }

  /** {@return the period} */
  public Duration period() {
    return period;
  }

  /** {@return how many permits an idle key may take at once} */
  public int burst() {
    return burst;
  }

  /** {@return the time between two permits, period / permits, rounded up to the microsecond} */
  public Duration emissionInterval() {
    return Duration.ofNanos(intervalMicros * 1000L);
  }

  /** {@return the emission interval in microseconds, as stores keep time} */
  public long emissionIntervalMicros() {
    return intervalMicros;
  }

  /** {@return how far ahead of the rate a key may run, in microseconds: (burst - 1) intervals} */
  public long burstToleranceMicros() {
    return (burst - 1L) * intervalMicros;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit r
        && r.permits == permits
        && r.burst == burst
        && r.period.equals(period);
  }

  @Override
  public int hashCode() {
    return Objects.hash(permits, period, burst);
  }

  @Override
  public String toString() {
    return permits + " per " + period + (burst > 1 ? ", burst " + burst : "");
  }
}
