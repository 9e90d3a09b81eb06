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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.thinkqueue.worker.Backoff;

/**
 * How the worker retries one handler's jobs (Laravel's {@code $tries}, {@code $timeout}, {@code
 * $backoff}, {@code retryUntil()}, {@code $maxExceptions}, {@code middleware()}), declared with the
 * handler: by {@link JobHandler#policy()} or at registration ({@link JobRegistry}). A setting left
 * unset falls back to the worker's; a payload's own {@code maxTries}, {@code timeout} or {@code
 * timeoutAt} (think-queue's fields, see {@link JobOptions}) overrides the handler's. Immutable.
 *
 * <pre>{@code
 * JobPolicy.builder()
 *     .tries(5)
 *     .backoff(Backoff.exponentialFullJitter(Duration.ofSeconds(2), Duration.ofMinutes(10)))
 *     .retryFor(Duration.ofHours(6))
 *     .failFastOn(ShopifyClientError.class)
 *     .build();
 * }</pre>
 */
public final class JobPolicy {
  /** Nothing set: the worker's settings apply. */
  public static final JobPolicy WORKER_DEFAULTS = builder().build();

  private final Integer tries;
  private final Duration timeout;
  private final Backoff backoff;
  private final Duration retryFor;
  private final Integer maxExceptions;
  private final List<Class<? extends Throwable>> failFastOn;
  private final List<JobMiddleware> middleware;

  private JobPolicy(Builder b) {
    this.tries = b.tries;
    this.timeout = b.timeout;
    this.backoff = b.backoff;
    this.retryFor = b.retryFor;
    this.maxExceptions = b.maxExceptions;
    this.failFastOn = List.copyOf(b.failFastOn);
    this.middleware = List.copyOf(b.middleware);
  }

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Total attempts: 0 retries forever.
   *
   * @return the tries, or {@code null} for the worker's
   */
  public Integer tries() {
    return tries;
  }

  /**
   * The longest one attempt may run.
   *
   * @return the timeout ({@link Duration#ZERO} for none), or {@code null} for the worker's
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The delay before the next attempt after one threw.
   *
   * @return the back-off, or {@code null} for the worker's
   */
  public Backoff backoff() {
    return backoff;
  }

  /**
   * How long after a job was due (pushed, plus its delay) attempts may still start; replaces the
   * count of {@link #tries()} as think-queue's {@code timeoutAt} does. A producer whose {@link
   * QueueManager} registry knows this policy writes {@code timeoutAt} at the push; for a job that
   * arrives without one (pushed by PHP, or by a producer without the registry) the worker counts
   * the window from the start of the job's first attempt and writes {@code timeoutAt} into the
   * payload when the job first goes back to its queue. A payload's own {@code timeoutAt} or {@code
   * maxTries} wins.
   *
   * @return the window, or {@code null} for none
   */
  public Duration retryFor() {
    return retryFor;
  }

  /**
   * Thrown exceptions after which the job fails even with tries left; releases and snoozes by the
   * handler itself don't count.
   *
   * @return the most exceptions, or {@code null} for no such limit
   */
  public Integer maxExceptions() {
    return maxExceptions;
  }

  /**
   * Exception types that fail the job at once, without the remaining tries (matched with {@link
   * Class#isInstance}, also against causes).
   *
   * @return the types, possibly empty
   */
  public List<Class<? extends Throwable>> failFastOn() {
    return failFastOn;
  }

  /**
   * True if {@code error} or one of its causes is an instance of a {@link #failFastOn()} type.
   *
   * @param error what an attempt threw
   * @return whether the job fails at once
   */
  public boolean isPermanent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : failFastOn) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The handler's middleware, run after the worker's, in order.
   *
   * @return the middleware, possibly empty
   */
  public List<JobMiddleware> middleware() {
    return middleware;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("JobPolicy[");
    if (tries != null) {
      s.append("tries=").append(tries).append(", ");
    }
    if (timeout != null) {
      s.append("timeout=").append(timeout).append(", ");
    }
    if (backoff != null) {
      s.append("backoff=").append(backoff).append(", ");
    }
    if (retryFor != null) {
      s.append("retryFor=").append(retryFor).append(", ");
    }
    if (maxExceptions != null) {
      s.append("maxExceptions=").append(maxExceptions).append(", ");
    }
    if (!failFastOn.isEmpty()) {
      s.append("failFastOn=")
          .append(failFastOn.stream().map(Class::getSimpleName).toList())
          .append(", ");
    }
    if (!middleware.isEmpty()) {
      s.append("middleware=").append(middleware.size()).append(", ");
    }
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    } else {
      s.append("worker defaults");
    }
    return s.append(']').toString();
  }

  /** Builds a {@link JobPolicy}; every setting is optional. */
  public static final class Builder {
    private Integer tries;
    private Duration timeout;
    private Backoff backoff;
    private Duration retryFor;
    private Integer maxExceptions;
    private final List<Class<? extends Throwable>> failFastOn = new ArrayList<>();
    private final List<JobMiddleware> middleware = new ArrayList<>();

    private Builder() {}

    /**
     * Total attempts.
     *
     * @param tries at least 0 (0 = retry forever)
     * @return this builder
     * @throws ConfigurationException if negative
     */
    public Builder tries(int tries) {
      if (tries < 0) {
        throw new ConfigurationException("tries", tries, "must be 0 (forever) or more");
      }
      this.tries = tries;
      return this;
    }

    /**
     * The longest one attempt may run.
     *
     * @param timeout at least 1 second, or {@link Duration#ZERO} for none
     * @return this builder
     * @throws ConfigurationException if {@code null}, negative or between 0 and 1 second
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null
          || timeout.isNegative()
          || (!timeout.isZero() && timeout.getSeconds() < 1)) {
        throw new ConfigurationException(
            "timeout", timeout, "must be 0 (none) or at least 1 second");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The delay before the next attempt after one threw.
     *
     * @param backoff the back-off
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Attempts may start until this long after the job was pushed: see {@link
     * JobPolicy#retryFor()}.
     *
     * @param window at least 1 second
     * @return this builder
     * @throws ConfigurationException if {@code null} or below 1 second
     */
    public Builder retryFor(Duration window) {
      if (window == null || window.getSeconds() < 1) {
        throw new ConfigurationException("retryFor", window, "must be at least 1 second");
      }
      this.retryFor = window;
      return this;
    }

    /**
     * Fail after this many thrown exceptions, even with tries left.
     *
     * @param maxExceptions at least 1
     * @return this builder
     * @throws ConfigurationException if below 1
     */
    public Builder maxExceptions(int maxExceptions) {
      if (maxExceptions < 1) {
        throw new ConfigurationException("maxExceptions", maxExceptions, "must be at least 1");
      }
      this.maxExceptions = maxExceptions;
      return this;
    }

    /**
     * Exception types that fail the job at once (e.g. an HTTP 4xx from a remote API).
     *
     * @param types the types
     * @return this builder
     */
    @SafeVarargs
    public final Builder failFastOn(Class<? extends Throwable>... types) {
      for (Class<? extends Throwable> t : types) {
        failFastOn.add(Objects.requireNonNull(t, "failFastOn type"));
      }
      return this;
    }

    /**
     * Adds middleware around this handler, after the worker's.
     *
     * @param chain the middleware, in order
     * @return this builder
     */
    public Builder middleware(JobMiddleware... chain) {
      for (JobMiddleware m : chain) {
        middleware.add(Objects.requireNonNull(m, "middleware"));
      }
      return this;
    }

    /**
     * The policy.
     *
     * @return the policy
     */
    public JobPolicy build() {
      return new JobPolicy(this);
    }
  }
}
