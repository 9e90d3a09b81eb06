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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.thinkqueue.ConfigurationException;

/**
 * How long a job that threw waits before it runs again: the delay the worker releases it with after
 * attempt {@code n}. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #fixed(Duration)}: the same delay after every attempt ({@code --delay}); {@code
 *       fixed(ZERO)} is think-queue's default, an immediate release.
 *   <li>{@link #list(Duration...)}: the first delay after attempt 1, the second after attempt 2,
 *       ..., the last repeats.
 *   <li>{@link #exponential(Duration, Duration)}: {@code base × 2^(n-1)} capped at {@code cap},
 *       with "equal jitter": a uniformly random delay between half of that and all of it, so
 *       workers that failed together do not retry together, and the delay is never zero.
 *   <li>{@link #exponentialFullJitter(Duration, Duration)}: the same ceiling with "full jitter": a
 *       uniformly random delay between zero and the ceiling (AWS's recommendation for many clients
 *       retrying against one remote API: it spreads them furthest, at the cost of some immediate
 *       retries).
 * </ul>
 *
 * <p>The worker's default is {@link #DEFAULT}: exponential from 1 s to 5 min (0.5-1 s after the
 * first attempt, 1-2 s after the second, 2-4 s after the third, ..., 2.5-5 min from the tenth on).
 * Whole-second stores (think-queue's database tables) round a fractional delay up to the next
 * second.
 */
public abstract class Backoff {
  /**
   * The longest release delay a back-off may give: a year (a due time must fit think-queue's
   * columns).
   */
  public static final Duration MAX_DELAY = Duration.ofDays(365);

  /** The worker's default: {@code exponential(1 s, 5 min)}. */
  public static final Backoff DEFAULT = exponential(Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** Immediate release after every attempt (think-queue's {@code --delay 0}). */
  public static final Backoff NONE = fixed(Duration.ZERO);

  private Backoff() {}

  /**
   * The delay after attempt {@code attempt} (1 for the first run; values below 1 count as 1).
   *
   * @param attempt the attempt that just ended, as {@code Job.attempts()} counts it
   * @return zero or positive, never null
   */
  public abstract Duration delayAfter(int attempt);

  /**
   * The same delay after every attempt.
   *
   * @param delay zero to {@link #MAX_DELAY}
   * @return the back-off
   * @throws ConfigurationException if {@code delay} is null, negative or too long
   */
  public static Backoff fixed(Duration delay) {
    requireNonNegative("delay", delay);
    return new Listed(List.of(delay));
  }

  /**
   * One delay per attempt: the first after attempt 1, ..., the last repeats.
   *
   * @param delays at least one, each zero to {@link #MAX_DELAY}
   * @return the back-off
   * @throws ConfigurationException if none is given or one is null, negative or too long
   */
  public static Backoff list(Duration... delays) {
    if (delays == null || delays.length == 0) {
      throw new ConfigurationException("backoff", "[]", "give at least one delay");
    }
    for (Duration d : delays) {
      requireNonNegative("backoff", d);
    }
    return new Listed(List.of(delays));
  }

  /**
   * {@code base × 2^(attempt-1)}, at most {@code cap}, with equal jitter (never zero).
   *
   * @param base the ceiling after the first attempt; positive
   * @param cap the largest ceiling; at least {@code base}, at most {@link #MAX_DELAY}
   * @return the back-off
   * @throws ConfigurationException if {@code base} is not positive or {@code cap} is out of range
   */
  public static Backoff exponential(Duration base, Duration cap) {
    return exponential(base, cap, null);
  }

  /**
   * {@link #exponential(Duration, Duration)} drawing its jitter from {@code random} (for tests);
   * {@code null} = a {@link ThreadLocalRandom}. The generator is called from job threads; give a
   * thread-safe one.
   *
   * @param base the ceiling after the first attempt; positive
   * @param cap the largest ceiling; at least {@code base}, at most {@link #MAX_DELAY}
   * @param random the jitter's source, or null
   * @return the back-off
   * @throws ConfigurationException if {@code base} is not positive or {@code cap} is out of range
   */
  public static Backoff exponential(Duration base, Duration cap, RandomGenerator random) {
    checkExponential(base, cap);
    return new Exponential(base, cap, random, false);
  }

  /**
   * {@code base × 2^(attempt-1)}, at most {@code cap}, with full jitter: a uniformly random delay
   * from zero to that ceiling.
   *
   * @param base the ceiling after the first attempt; positive
   * @param cap the largest ceiling; at least {@code base}, at most {@link #MAX_DELAY}
   * @return the back-off
   * @throws ConfigurationException if {@code base} is not positive or {@code cap} is out of range
   */
  public static Backoff exponentialFullJitter(Duration base, Duration cap) {
    return exponentialFullJitter(base, cap, null);
  }

  /**
   * {@link #exponentialFullJitter(Duration, Duration)} drawing its jitter from {@code random} (for
   * tests); {@code null} = a {@link ThreadLocalRandom}. The generator is called from job threads;
   * give a thread-safe one.
   *
   * @param base the ceiling after the first attempt; positive
   * @param cap the largest ceiling; at least {@code base}, at most {@link #MAX_DELAY}
   * @param random the jitter's source, or null
   * @return the back-off
   * @throws ConfigurationException if {@code base} is not positive or {@code cap} is out of range
   */
  public static Backoff exponentialFullJitter(Duration base, Duration cap, RandomGenerator random) {
    checkExponential(base, cap);
    return new Exponential(base, cap, random, true);
  }

  private static void checkExponential(Duration base, Duration cap) {
    if (base == null || base.isNegative() || base.isZero()) {
      throw new ConfigurationException("backoff base", base, "must be positive");
    }
    if (cap == null || cap.compareTo(base) < 0) {
      throw new ConfigurationException("backoff cap", cap, "must be at least the base of " + base);
    }
    requireAtMostMax("backoff cap", cap);
  }

  private static void requireNonNegative(String setting, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ConfigurationException(setting, d, "must be zero or positive");
    }
    requireAtMostMax(setting, d);
  }

  private static void requireAtMostMax(String setting, Duration d) {
    if (d.compareTo(MAX_DELAY) > 0) {
      throw new ConfigurationException(setting, d, "at most " + MAX_DELAY + " (Backoff.MAX_DELAY)");
    }
  }

  static String describe(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "min";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  private static final class Listed extends Backoff {
    private final List<Duration> delays;

    Listed(List<Duration> delays) {
      this.delays = delays;
    }

    @Override
    public Duration delayAfter(int attempt) {
      return delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
    }

    @Override
    public String toString() {
      if (delays.size() == 1) {
        return delays.get(0).isZero()
            ? "none (immediate release)"
            : "fixed " + describe(delays.get(0));
      }
      return delays.stream()
          .map(Backoff::describe)
          .collect(Collectors.joining(", ", "per attempt [", "]"));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Listed l && l.delays.equals(delays);
    }

    @Override
    public int hashCode() {
      return delays.hashCode();
    }
  }

  private static final class Exponential extends Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;
    private final boolean fullJitter;

    Exponential(Duration base, Duration cap, RandomGenerator random, boolean fullJitter) {
      this.baseMillis = Math.max(1, base.toMillis());
      this.capMillis = Math.max(baseMillis, saturatedMillis(cap));
      this.random = random;
      this.fullJitter = fullJitter;
    }

    @Override
    public Duration delayAfter(int attempt) {
      int doublings = Math.min(Math.max(attempt, 1) - 1, 62);
      long ceiling =
          baseMillis > (capMillis >> doublings)
              ? capMillis
              : Math.min(capMillis, baseMillis << doublings);
      RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
      if (fullJitter) {
        // Full jitter: [0, ceiling].
        return Duration.ofMillis(r.nextLong(ceiling + 1));
      }
      long half = ceiling / 2;
      // Equal jitter: [ceiling - half, ceiling], never below 1 ms.
      long jitter = half == 0 ? 0 : r.nextLong(half + 1);
      return Duration.ofMillis(Math.max(1, ceiling - half + jitter));
    }

    private static long saturatedMillis(Duration d) {
      try {
        return d.toMillis();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }

    @Override
    public String toString() {
      return "exponential from "
          + describe(Duration.ofMillis(baseMillis))
          + " to "
          + describe(Duration.ofMillis(capMillis))
          + (fullJitter ? " with full jitter" : " with equal jitter");
    }
  }
}
