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
import java.util.Optional;

/**
 * Where limits keep their state, shared by every worker that uses the same store: the SPI behind
 * {@link RateLimited} and {@link ConcurrencyLimited}. Implementations: {@link MemoryLimiterStore}
 * (one JVM), {@code RedisLimiterStore} and {@code JdbcLimiterStore} (a fleet). Every operation is
 * atomic and uses the store's own clock, so workers whose clocks differ agree. Keys are opaque
 * strings of 1 to {@value #MAX_KEY_LENGTH} characters, compared exactly; rate and lease state of
 * one key are independent. Thread-safe.
 *
 * <p>Failures: {@link org.thinkqueue.ConnectionException} when the store cannot be reached, {@link
 * org.thinkqueue.QueueDataException} when it refused the operation.
 */
public interface LimiterStore {
  /** The longest key, in characters. */
  int MAX_KEY_LENGTH = 255;

  /**
   * Asks for one permit of {@code limit} for {@code key} (see {@link Gcra} for the algorithm).
   *
   * @param key the limit key, e.g. {@code "shopify:" + shop}
   * @param limit the rate; callers of one key should pass the same
   * @param maxDelay the longest the caller will wait for a slot that is about to open: a slot
   *     within it is booked for the caller and granted with that delay; {@link Duration#ZERO}
   *     grants only a slot open now
   * @return granted (with the delay until its slot), or denied (with the delay until the caller's
   *     turn)
   * @throws IllegalArgumentException if {@code key} is not a valid key, {@code limit} is null or
   *     {@code maxDelay} is null or negative
   */
  RateDecision acquire(String key, RateLimit limit, Duration maxDelay);

  /**
   * Takes one of {@code maxLeases} leases on {@code key} if one is free. Leases that expired are
   * free: a holder that dies (a worker killed with SIGKILL) blocks the key for at most {@code
   * leaseTime} after its last renewal.
   *
   * @param key the limit key
   * @param maxLeases how many may be held at once, at least 1
   * @param leaseTime how long the lease lasts unless renewed, at least 1 ms
   * @return the lease's token, to renew and release it with, or empty if all are taken
   * @throws IllegalArgumentException if an argument is invalid
   */
  Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime);

  /**
   * Extends a lease to {@code leaseTime} from now.
   *
   * @param key the lease's key
   * @param token the token {@link #acquireLease} returned
   * @param leaseTime how long it lasts from now, at least 1 ms
   * @return true if renewed; false if the lease had expired or was released (it may be someone
   *     else's now)
   * @throws IllegalArgumentException if an argument is invalid
   */
  boolean renewLease(String key, String token, Duration leaseTime);

  /**
   * Gives a lease back. Idempotent: an expired, released or unknown token is ignored.
   *
   * @param key the lease's key
   * @param token the token {@link #acquireLease} returned
   * @throws IllegalArgumentException if {@code key} or {@code token} is invalid
   */
  void releaseLease(String key, String token);

  /**
   * Checks a key, for implementations.
   *
   * @param key the key
   * @return the key
   * @throws IllegalArgumentException if {@code key} is null, empty or longer than {@value
   *     #MAX_KEY_LENGTH} characters (the message gives its length, not its content)
   */
  static String requireKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "A limit key must have 1 to "
              + MAX_KEY_LENGTH
              + " characters, was "
              + (key == null ? "null" : key.length() + " characters"));
    }
    return key;
  }

  /**
   * Checks a lease token, for implementations.
   *
   * @param token the token
   * @return the token
   * @throws IllegalArgumentException if {@code token} is null, empty or longer than 64 characters
   */
  static String requireToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 64) {
      throw new IllegalArgumentException("Not a lease token: " + token);
    }
    return token;
  }

  /**
   * Checks a lease time, for implementations.
   *
   * @param leaseTime the lease time
   * @return it in microseconds
   * @throws IllegalArgumentException if it is null, under 1 ms or over a day
   */
  static long leaseMicros(Duration leaseTime) {
    if (leaseTime == null
        || leaseTime.compareTo(Duration.ofMillis(1)) < 0
        || leaseTime.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "A lease time must be between 1 ms and a day, was " + leaseTime);
    }
    return leaseTime.toNanos() / 1000L;
  }

  /**
   * Checks a {@code maxDelay}, for implementations.
   *
   * @param maxDelay the longest wait for a slot
   * @return it in microseconds, capped at a day
   * @throws IllegalArgumentException if it is null or negative
   */
  static long maxDelayMicros(Duration maxDelay) {
    if (maxDelay == null || maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must be zero or positive, was " + maxDelay);
    }
    return maxDelay.compareTo(Duration.ofDays(1)) > 0
        ? 86_400_000_000L
        : maxDelay.toNanos() / 1000L;
  }

  /**
   * Checks a lease count, for implementations.
   *
   * @param maxLeases how many leases a key allows
   * @return it
   * @throws IllegalArgumentException if it is under 1
   */
  static int requireMaxLeases(int maxLeases) {
    if (maxLeases < 1) {
      throw new IllegalArgumentException("maxLeases must be at least 1, was " + maxLeases);
    }
    return maxLeases;
  }
}
