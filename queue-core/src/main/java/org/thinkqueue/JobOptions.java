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
package org.thinkqueue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-job settings of one push. {@code maxTries}, {@code timeout} and {@link #retryUntil} are
 * think-queue's own payload fields ({@code maxTries}, {@code timeout}, {@code timeoutAt}): PHP and
 * Java workers both honour them. The 1.x wire format has no such fields: {@code maxTries} and
 * {@code timeout} are not written there, while {@code timeoutAt} is, as an extra field after {@code
 * data} that PHP 1.x workers ignore and Java workers honour. A {@link #uniqueKey} makes the push
 * idempotent: while a job with that key exists, a second push writes nothing and returns the
 * existing job's id; it travels as the extra payload fields {@code uniqueKey} and {@code
 * uniqueUntil}, which a PHP worker ignores. Immutable.
 */
public final class JobOptions {
  /** No per-job settings: the worker's apply. */
  public static final JobOptions DEFAULT =
      new JobOptions(null, null, null, null, UniqueUntil.PROCESSED, null);

  /** Until when a unique job's key stays taken. */
  public enum UniqueUntil {
    /**
     * Until the job ends, however it ends: deleted after it ran, failed, or failed for having no
     * tries left (Laravel's {@code ShouldBeUnique}).
     */
    PROCESSED,
    /**
     * Until a worker starts its first attempt (Laravel's {@code ShouldBeUniqueUntilProcessing}): a
     * push made while the job runs queues a second job.
     */
    PROCESSING
  }

  private final Integer maxTries;
  private final Integer timeoutSeconds;
  private final Instant retryUntil;
  private final String uniqueKey;
  private final UniqueUntil uniqueUntil;
  private final Duration uniqueFor;

  private JobOptions(
      Integer maxTries,
      Integer timeoutSeconds,
      Instant retryUntil,
      String uniqueKey,
      UniqueUntil uniqueUntil,
      Duration uniqueFor) {
    this.maxTries = maxTries;
    this.timeoutSeconds = timeoutSeconds;
    this.retryUntil = retryUntil;
    this.uniqueKey = uniqueKey;
    this.uniqueUntil = uniqueUntil;
    this.uniqueFor = uniqueFor;
  }

  /**
   * Options with only a maximum of tries.
   *
   * @param maxTries total attempts, at least 0 (0 = retry forever)
   * @return the options
   * @throws ConfigurationException if {@code maxTries} is negative
   */
  public static JobOptions maxTries(int maxTries) {
    return DEFAULT.withMaxTries(maxTries);
  }

  /**
   * Options with only a unique key: see {@link #withUniqueKey}.
   *
   * @param key the key, 1 to 255 characters
   * @return the options
   * @throws ConfigurationException if {@code key} is {@code null}, empty or longer than 255
   */
  public static JobOptions uniqueKey(String key) {
    return DEFAULT.withUniqueKey(key);
  }

  /**
   * Options with only a retry deadline: see {@link #withRetryUntil}.
   *
   * @param deadline the instant after which no attempt starts
   * @return the options
   * @throws ConfigurationException if {@code deadline} is {@code null} or before the epoch
   */
  public static JobOptions retryUntil(Instant deadline) {
    return DEFAULT.withRetryUntil(deadline);
  }

  /**
   * A copy with a maximum of tries.
   *
   * @param maxTries total attempts, at least 0 (0 = retry forever)
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code maxTries} is negative
   */
  public JobOptions withMaxTries(int maxTries) {
    if (maxTries < 0) {
      throw new ConfigurationException("maxTries", maxTries, "must be 0 (forever) or more");
    }
    return new JobOptions(maxTries, timeoutSeconds, retryUntil, uniqueKey, uniqueUntil, uniqueFor);
  }

  /**
   * A copy with a timeout, written in whole seconds (fractions are dropped).
   *
   * @param timeout at least 1 second
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code timeout} is {@code null} or below 1 second
   */
  public JobOptions withTimeout(Duration timeout) {
    if (timeout == null || timeout.getSeconds() < 1) {
      throw new ConfigurationException("timeout", timeout, "must be at least 1 second");
    }
    return new JobOptions(
        maxTries,
        (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds()),
        retryUntil,
        uniqueKey,
        uniqueUntil,
        uniqueFor);
  }

  /**
   * A copy with a retry deadline, written as think-queue's {@code timeoutAt} (whole unix seconds,
   * rounded down): attempts stop at the deadline instead of at a count (a job comes back and runs
   * while {@code now <= timeoutAt}), and an attempt that throws once {@code timeoutAt <= now} fails
   * the job (think-queue's rule, which PHP 3.x workers apply too). It wins over a handler's {@link
   * JobPolicy#retryFor()}.
   *
   * @param deadline the instant after which no attempt starts
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code deadline} is {@code null} or before the epoch
   */
  public JobOptions withRetryUntil(Instant deadline) {
    if (deadline == null || deadline.getEpochSecond() < 1) {
      throw new ConfigurationException(
          "retryUntil", deadline, "must be an instant after the epoch");
    }
    return new JobOptions(maxTries, timeoutSeconds, deadline, uniqueKey, uniqueUntil, uniqueFor);
  }

  /**
   * A copy with a unique key: while a job pushed with this key exists on the connection (ready,
   * delayed or reserved), pushing another job with the same key writes nothing and returns the
   * existing job's id. The key is held until the job is processed ({@link UniqueUntil#PROCESSED},
   * the default) or starts ({@link #withUniqueUntil}), and at most {@link #withUniqueFor} if set.
   * Keys are per queue (on Redis they live next to the queue's keys, in its Cluster hash slot). A
   * push that timed out may be retried with the same key safely.
   *
   * @param key the key, 1 to 255 characters, e.g. {@code "shipping:" + orderId}
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code key} is {@code null}, empty or longer than 255
   */
  public JobOptions withUniqueKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 255) {
      throw new ConfigurationException(
          "uniqueKey",
          key == null ? null : "(" + key.length() + " characters)",
          "must be 1 to 255 characters");
    }
    return new JobOptions(maxTries, timeoutSeconds, retryUntil, key, uniqueUntil, uniqueFor);
  }

  /**
   * A copy that holds the unique key until {@code until}.
   *
   * @param until {@link UniqueUntil#PROCESSED} or {@link UniqueUntil#PROCESSING}
   * @return the new options; this object is unchanged
   */
  public JobOptions withUniqueUntil(UniqueUntil until) {
    return new JobOptions(
        maxTries,
        timeoutSeconds,
        retryUntil,
        uniqueKey,
        Objects.requireNonNull(until, "until"),
        uniqueFor);
  }

  /**
   * A copy whose unique key is held at most {@code lockFor} from the push, even if the job still
   * exists then (Laravel's {@code uniqueFor}); without it the key is held until the job ends.
   *
   * @param lockFor at least 1 second
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code lockFor} is {@code null} or below 1 second
   */
  public JobOptions withUniqueFor(Duration lockFor) {
    if (lockFor == null || lockFor.getSeconds() < 1) {
      throw new ConfigurationException("uniqueFor", lockFor, "must be at least 1 second");
    }
    return new JobOptions(maxTries, timeoutSeconds, retryUntil, uniqueKey, uniqueUntil, lockFor);
  }

  /**
   * The maximum of tries written into the payload.
   *
   * @return the tries, or {@code null} when not set (the worker's apply)
   */
  public Integer maxTries() {
    return maxTries;
  }

  /**
   * The timeout written into the payload.
   *
   * @return the timeout in seconds, or {@code null} when not set (the worker's apply)
   */
  public Integer timeoutSeconds() {
    return timeoutSeconds;
  }

  /**
   * The retry deadline written into the payload as {@code timeoutAt}.
   *
   * @return the deadline, or {@code null} when not set
   */
  public Instant retryUntil() {
    return retryUntil;
  }

  /**
   * The unique key.
   *
   * @return the key, or {@code null} for a plain push
   */
  public String uniqueKey() {
    return uniqueKey;
  }

  /**
   * Until when the unique key is held.
   *
   * @return {@link UniqueUntil#PROCESSED} unless set otherwise
   */
  public UniqueUntil uniqueUntil() {
    return uniqueUntil;
  }

  /**
   * The longest the unique key is held.
   *
   * @return the limit, or {@code null} for until the job ends
   */
  public Duration uniqueFor() {
    return uniqueFor;
  }
}
