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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.Job;
import org.thinkqueue.JobMiddleware;

/**
 * Runs a job only within a rate limit per key, shared by every worker on the same {@link
 * LimiterStore} (Laravel's {@code RateLimited} job middleware):
 *
 * <pre>{@code
 * RateLimited.of(limits, RateLimit.perSecond(2).withBurst(40),
 *     (job, data) -> "shopify:" + ((Order) data).shop())
 * }</pre>
 *
 * <p>A job within the limit runs at once. One whose slot opens within {@link Builder#maxDelay}
 * books it and waits for it on its thread, so a busy key's slots are used one after the other
 * without gaps. Any other job is {@linkplain Job#snooze snoozed} until its turn and the handler is
 * not called: no attempt is used and no thread waits. Denied jobs get turns one slot apart, so a
 * backlog of N jobs comes back one per slot rather than N at every slot.
 *
 * <p>A store failure ({@link org.thinkqueue.ConnectionException}) propagates: the attempt fails and
 * the job is retried with its back-off. Thread-safe; immutable.
 */
public final class RateLimited implements JobMiddleware {
  /** The default {@link Builder#maxDelay}: 100 ms. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(RateLimited.class);

  private final LimiterStore store;
  private final RateLimit limit;
  private final LimitKey key;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  private RateLimited(Builder b) {
    this.store = b.store;
    this.limit = b.limit;
    this.key = b.key;
    this.maxDelay = b.maxDelay;
    this.sleeper = b.sleeper;
  }

  /**
   * A rate limit with the defaults.
   *
   * @param store where the limit's state lives
   * @param limit the rate per key
   * @param key each job's key ({@code null} from it: the job runs unlimited)
   * @return the middleware
   * @throws ConfigurationException if an argument is null
   */
  public static RateLimited of(LimiterStore store, RateLimit limit, LimitKey key) {
    return builder(store, limit, key).build();
  }

  /**
   * A builder for a rate limit.
   *
   * @param store where the limit's state lives
   * @param limit the rate per key
   * @param key each job's key ({@code null} from it: the job runs unlimited)
   * @return the builder
   * @throws ConfigurationException if an argument is null
   */
  public static Builder builder(LimiterStore store, RateLimit limit, LimitKey key) {
    return new Builder(store, limit, key);
  }

  @Override
  public void handle(Job job, Object data, Next next) throws Exception {
    String k = key.of(job, data);
    if (k == null) {
      next.proceed();
      return;
    }
    RateDecision decision = store.acquire(k, limit, maxDelay);
    if (!decision.isGranted()) {
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "Job {} ({}) over the rate limit of key {}: snoozed for {} ms",
            job.getId(),
            job.getName(),
            k,
            decision.delay().toMillis());
      }
      job.snooze(decision.delay());
      return;
    }
    if (!decision.delay().isZero()) {
      sleeper.sleep(decision.delay());
    }
    next.proceed();
  }

  /** {@return the rate} */
  public RateLimit limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "RateLimited{" + limit + ", maxDelay=" + maxDelay + ", store=" + store + "}";
  }

  /** How the middleware waits for a booked slot; a test double records instead. */
  @FunctionalInterface
  interface Sleeper {
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration d) throws InterruptedException;
  }

  /** Settings of a {@link RateLimited}. Not thread-safe. */
  public static final class Builder {
    private final LimiterStore store;
    private final RateLimit limit;
    private final LimitKey key;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private Sleeper sleeper = Sleeper.THREAD;

    private Builder(LimiterStore store, RateLimit limit, LimitKey key) {
      if (store == null) {
        throw new ConfigurationException("store", null, "a LimiterStore");
      }
      if (limit == null) {
        throw new ConfigurationException("limit", null, "a RateLimit");
      }
      if (key == null) {
        throw new ConfigurationException("key", null, "a LimitKey");
      }
      this.store = store;
      this.limit = limit;
      this.key = key;
    }

    /**
     * The longest a job waits on its thread for a slot that is about to open (default {@link
     * #DEFAULT_MAX_DELAY}); a job whose slot is further off is snoozed. Waiting keeps a busy key's
     * slots back to back, where a snoozed job comes back a little after its slot (the queue's
     * pick-up time) and the key loses that time at every slot; zero never waits.
     *
     * @param maxDelay zero or positive, at most a minute
     * @return this builder
     * @throws ConfigurationException if {@code maxDelay} is null, negative or over a minute
     */
    public Builder maxDelay(Duration maxDelay) {
      if (maxDelay == null
          || maxDelay.isNegative()
          || maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new ConfigurationException("maxDelay", maxDelay, "between zero and a minute");
      }
      this.maxDelay = maxDelay;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** {@return the middleware} */
    public RateLimited build() {
      return new RateLimited(this);
    }
  }
}
