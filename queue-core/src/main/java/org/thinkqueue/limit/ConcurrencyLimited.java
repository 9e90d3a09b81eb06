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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.Job;
import org.thinkqueue.JobMiddleware;

/**
 * Runs at most N jobs per key at once across every worker on the same {@link LimiterStore}
 * (Laravel's {@code WithoutOverlapping} for N = 1, Sidekiq Enterprise's concurrent limiter):
 *
 * <pre>{@code
 * ConcurrencyLimited.withoutOverlapping(limits, (job, data) -> "inventory:" + ((Sku) data).id())
 * }</pre>
 *
 * <p>Before the handler runs, the job takes a lease on its key; if all N are taken, the job is
 * {@linkplain Job#snooze snoozed} for about {@link Builder#retryDelay} (with jitter, so waiting
 * jobs do not come back together) and the handler is not called. While the handler runs, the lease
 * is renewed every third of {@link Builder#lease}, so a long job keeps it; it is released when the
 * handler ends, however it ends. A worker that dies (SIGKILL, power loss) stops renewing, and its
 * lease expires at most one lease time after its last renewal: the key is never blocked longer.
 *
 * <p>If a renewal finds the lease gone (the worker stalled for longer than the lease, and another
 * may have taken it) it is logged at WARN and renewal stops; the handler is not interrupted. Choose
 * a lease well above the longest pause you expect (GC, a stalled store). Store failures while
 * taking the lease propagate (the attempt fails and is retried with back-off); failures to renew or
 * release are logged, and the lease then expires by itself. Thread-safe; immutable.
 */
public final class ConcurrencyLimited implements JobMiddleware {
  /** The default {@link Builder#lease}: 30 s. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** The default {@link Builder#retryDelay}: 1 s. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimited.class);

  private final LimiterStore store;
  private final int maxConcurrent;
  private final LimitKey key;
  private final Duration lease;
  private final Duration retryDelay;
  private final ScheduledExecutorService scheduler;

  private ConcurrencyLimited(Builder b) {
    this.store = b.store;
    this.maxConcurrent = b.maxConcurrent;
    this.key = b.key;
    this.lease = b.lease;
    this.retryDelay = b.retryDelay;
    this.scheduler = b.scheduler != null ? b.scheduler : SharedScheduler.INSTANCE;
  }

  /**
   * At most {@code maxConcurrent} jobs per key at once, with the defaults.
   *
   * @param store where the leases live
   * @param maxConcurrent how many jobs of one key may run at once, at least 1
   * @param key each job's key ({@code null} from it: the job runs unlimited)
   * @return the middleware
   * @throws ConfigurationException if an argument is null or {@code maxConcurrent} is under 1
   */
  public static ConcurrencyLimited of(LimiterStore store, int maxConcurrent, LimitKey key) {
    return builder(store, maxConcurrent, key).build();
  }

  /**
   * One job per key at a time (Laravel's {@code WithoutOverlapping}), with the defaults.
   *
   * @param store where the leases live
   * @param key each job's key ({@code null} from it: the job runs unlimited)
   * @return the middleware
   * @throws ConfigurationException if an argument is null
   */
  public static ConcurrencyLimited withoutOverlapping(LimiterStore store, LimitKey key) {
    return of(store, 1, key);
  }

  /**
   * A builder for a concurrency limit.
   *
   * @param store where the leases live
   * @param maxConcurrent how many jobs of one key may run at once, at least 1
   * @param key each job's key ({@code null} from it: the job runs unlimited)
   * @return the builder
   * @throws ConfigurationException if an argument is null or {@code maxConcurrent} is under 1
   */
  public static Builder builder(LimiterStore store, int maxConcurrent, LimitKey key) {
    return new Builder(store, maxConcurrent, key);
  }

  @Override
  public void handle(Job job, Object data, Next next) throws Exception {
    String k = key.of(job, data);
    if (k == null) {
      next.proceed();
      return;
    }
    Optional<String> token = store.acquireLease(k, maxConcurrent, lease);
    if (token.isEmpty()) {
      Duration delay = jittered(retryDelay);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "Job {} ({}): {} running with key {}; snoozed for {} ms",
            job.getId(),
            job.getName(),
            maxConcurrent,
            k,
            delay.toMillis());
      }
      job.snooze(delay);
      return;
    }
    Renewal renewal = new Renewal(job, k, token.get());
    long period = Math.max(1, lease.toNanos() / 3);
    Throwable failure = null;
    try {
      renewal.future =
          scheduler.scheduleWithFixedDelay(renewal, period, period, TimeUnit.NANOSECONDS);
      next.proceed();
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      ScheduledFuture<?> f = renewal.future;
      if (f != null) {
        f.cancel(false);
      }
      try {
        store.releaseLease(k, token.get());
      } catch (RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else {
          LOG.warn(
              "Job {} ({}, queue {}): could not release its concurrency lease; it expires within {}:"
                  + " {}",
              job.getId(),
              job.getName(),
              job.getQueue(),
              lease,
              e.toString());
        }
      }
    }
  }

  /** {@code d} times a random factor in [0.5, 1.5): waiting jobs spread out. */
  static Duration jittered(Duration d) {
    if (d.isZero()) {
      return d;
    }
    double factor = 0.5 + ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos((long) (d.toNanos() * factor));
  }

  /** {@return how many jobs of one key may run at once} */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  @Override
  public String toString() {
    return "ConcurrencyLimited{max="
        + maxConcurrent
        + ", lease="
        + lease
        + ", retryDelay="
        + retryDelay
        + ", store="
        + store
        + "}";
  }

  /** Renews one lease while its handler runs. */
  private final class Renewal implements Runnable {
    private final Job job;
    private final String key;
    private final String token;
    volatile ScheduledFuture<?> future;

    Renewal(Job job, String key, String token) {
      this.job = job;
      this.key = key;
      this.token = token;
    }

    @Override
    public void run() {
      try {
        if (!store.renewLease(key, token, lease)) {
          LOG.warn(
              "Job {} ({}, queue {}) lost its concurrency lease (it expired: the worker or the store"
                  + " stalled for longer than {}); another job of its key may run at the same time",
              job.getId(),
              job.getName(),
              job.getQueue(),
              lease);
          ScheduledFuture<?> f = future;
          if (f != null) {
            f.cancel(false);
          }
        }
      } catch (RuntimeException e) {
        // The next renewal may get through; the lease lasts two more periods.
        LOG.warn(
            "Job {} ({}, queue {}): could not renew its concurrency lease: {}",
            job.getId(),
            job.getName(),
            job.getQueue(),
            e.toString());
      }
    }
  }

  /**
   * The default renewal thread: one daemon thread for every limit of the JVM, made on first use.
   */
  private static final class SharedScheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor s =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "think-queue-lease-renewal");
                t.setDaemon(true);
                return t;
              });
      s.setRemoveOnCancelPolicy(true);
      return s;
    }
  }

  /** Settings of a {@link ConcurrencyLimited}. Not thread-safe. */
  public static final class Builder {
    private final LimiterStore store;
    private final int maxConcurrent;
    private final LimitKey key;
    private Duration lease = DEFAULT_LEASE;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private ScheduledExecutorService scheduler;

    private Builder(LimiterStore store, int maxConcurrent, LimitKey key) {
      if (store == null) {
        throw new ConfigurationException("store", null, "a LimiterStore");
      }
      if (maxConcurrent < 1) {
        throw new ConfigurationException("maxConcurrent", maxConcurrent, "at least 1");
      }
      if (key == null) {
        throw new ConfigurationException("key", null, "a LimitKey");
      }
      this.store = store;
      this.maxConcurrent = maxConcurrent;
      this.key = key;
    }

    /**
     * How long a lease lasts without renewal (default {@link #DEFAULT_LEASE}): the longest a dead
     * worker keeps its key blocked. Renewed every third of it while the handler runs.
     *
     * @param lease at least 10 ms, at most a day
     * @return this builder
     * @throws ConfigurationException if {@code lease} is null or out of range
     */
    public Builder lease(Duration lease) {
      if (lease == null
          || lease.compareTo(Duration.ofMillis(10)) < 0
          || lease.compareTo(Duration.ofDays(1)) > 0) {
        throw new ConfigurationException("lease", lease, "between 10 ms and a day");
      }
      this.lease = lease;
      return this;
    }

    /**
     * About how long a job that found its key busy is snoozed (default {@link
     * #DEFAULT_RETRY_DELAY}); each snooze is this times a random factor between 0.5 and 1.5.
     *
     * @param retryDelay zero or positive, at most a day
     * @return this builder
     * @throws ConfigurationException if {@code retryDelay} is null, negative or over a day
     */
    public Builder retryDelay(Duration retryDelay) {
      if (retryDelay == null
          || retryDelay.isNegative()
          || retryDelay.compareTo(Duration.ofDays(1)) > 0) {
        throw new ConfigurationException("retryDelay", retryDelay, "between zero and a day");
      }
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * The executor that renews leases (default: one shared daemon thread). Renewals are short store
     * calls.
     *
     * @param scheduler the executor; the caller keeps owning it
     * @return this builder
     * @throws ConfigurationException if {@code scheduler} is null
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      if (scheduler == null) {
        throw new ConfigurationException("scheduler", null, "a ScheduledExecutorService");
      }
      this.scheduler = scheduler;
      return this;
    }

    /** {@return the middleware} */
    public ConcurrencyLimited build() {
      return new ConcurrencyLimited(this);
    }
  }
}
