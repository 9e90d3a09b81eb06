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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.JobTimeoutException;
import org.thinkqueue.spi.ExtendsReservations;

/**
 * The watchdog threads: one sweep over the jobs in flight every {@value #SWEEP_MILLIS} ms times out
 * handlers past their timeout (interrupt), gives up on those that ignore the interrupt past the
 * timeout grace (the job is settled and the worker stops with {@link Worker#EXIT_JOB_TIMEOUT}), and
 * extends reservations that are due. Deadlines are read from the worker's {@link Ticker}. Also runs
 * the stop conditions' housekeeping.
 */
final class Watchdog {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /**
   * How often the sweep runs (system time). One sweep replaces a scheduled task per job (two heap
   * inserts and two cancels under the scheduler's lock for every attempt).
   */
  static final long SWEEP_MILLIS = 25;

  private final ScheduledExecutorService threads;
  private final JobExecutor executor;
  private final FailureHandler failures;
  private final Ticker ticker;
  private final Duration timeoutGrace;
  private final ExtendsReservations extender;
  private final long extendPeriodNanos;
  private final Runnable stopStuck;
  private final ThreadFactory threadFactory;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final Set<WorkerJob> settling = ConcurrentHashMap.newKeySet();

  /**
   * Failed reservation extensions in a row (logged once per streak: an outage fails every running
   * job's).
   */
  private final AtomicInteger extendFailures = new AtomicInteger();

  /**
   * @param extender null when the connector's reservations need no extending
   * @param stopStuck stops the worker with {@link Worker#EXIT_JOB_TIMEOUT} after a job was
   *     abandoned
   */
  Watchdog(
      ThreadFactory threadFactory,
      JobExecutor executor,
      FailureHandler failures,
      Ticker ticker,
      Duration timeoutGrace,
      ExtendsReservations extender,
      long extendPeriodNanos,
      Runnable stopStuck) {
    // Two threads: a slow restart-signal read must not hold up timeouts and reservation extensions.
    ScheduledThreadPoolExecutor wd = new ScheduledThreadPoolExecutor(2, threadFactory);
    wd.setRemoveOnCancelPolicy(true);
    this.threads = wd;
    this.executor = executor;
    this.failures = failures;
    this.ticker = ticker;
    this.timeoutGrace = timeoutGrace;
    this.extender = extender;
    this.extendPeriodNanos = extendPeriodNanos;
    this.stopStuck = stopStuck;
    this.threadFactory = threadFactory;
  }

  /**
   * How often a running job's reservation is extended: a whole-second store's lease lasts {@code
   * retryAfter} minus up to 1 s, and three extensions fit in what is left (at least every 50 ms).
   */
  static Duration extendPeriod(Duration retryAfter) {
    long ms = (retryAfter.toMillis() - 1000) / 3;
    return Duration.ofMillis(Math.max(50, ms));
  }

  /** Starts the sweep unless it runs already. */
  void start() {
    if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
      schedule(this::sweep, SWEEP_MILLIS);
    }
  }

  /** Runs {@code task} every {@code millis} on a watchdog thread until {@link #shutdown()}. */
  void schedule(Runnable task, long millis) {
    try {
      threads.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopped before it began
    }
  }

  void shutdown() {
    threads.shutdownNow();
  }

  private void sweep() {
    try {
      for (WorkerJob job : executor.running()) {
        long now = ticker.nanoTime();
        if (job.takeDueTimeout(now)) {
          onTimeout(job, now);
        }
        if (job.takeDueAbandon(now)) {
          abandonIfStuck(job);
        }
        if (extender != null && job.takeDueExtension(now, extendPeriodNanos)) {
          extend(job);
        }
      }
    } catch (Throwable t) {
      LOG.error("Worker watchdog sweep failed; it runs again in {} ms", SWEEP_MILLIS, t);
    }
  }

  private void onTimeout(WorkerJob job, long now) {
    if (!job.timeOut()) {
      return; // the handler beat the timeout: its outcome stands
    }
    LOG.warn(
        "Job {} ({}) on queue '{}' ran past its timeout of {} ms; interrupted it",
        job.logId(),
        job.getName(),
        job.getQueue(),
        job.armedTimeout().toMillis());
    job.armAbandon(now + timeoutGrace.toNanos());
  }

  private void abandonIfStuck(WorkerJob job) {
    if (job.isOver() || !job.claimOutcome()) {
      return;
    }
    LOG.error(
        "Job {} ({}) ignored the interrupt {} ms after its timeout; settling it and stopping the worker "
            + "with status {} so a supervisor can restart the process",
        job.logId(),
        job.getName(),
        timeoutGrace.toMillis(),
        Worker.EXIT_JOB_TIMEOUT);
    // Tracked as settling before the executor forgets it, so a stop never sees it in neither set.
    settling.add(job);
    executor.forget(job);
    // Stop taking jobs first, then settle on a thread of its own: settling writes to the failed-job
    // store and calls the handler's failed(), either of which may block on what the stuck handler
    // holds, and the sweep must keep timing out and extending the other jobs meanwhile.
    stopStuck.run();
    Thread settler = threadFactory.newThread(() -> settle(job));
    settler.setName(settler.getName() + "-settle");
    settler.start();
  }

  private void settle(WorkerJob job) {
    try {
      failures.onException(job, new JobTimeoutException(job.getName(), job.armedTimeout()));
    } catch (RuntimeException e) {
      LOG.error("Settling abandoned job {} failed; its reservation will expire", job.logId(), e);
    } finally {
      job.attemptOver();
      settling.remove(job);
    }
  }

  /**
   * Waits until the abandoned jobs being settled are settled, or the stop deadline passed: the
   * worker reports itself stopped only once their failed records are written (or given up on).
   */
  void awaitSettled() {
    for (WorkerJob job : List.copyOf(settling)) {
      executor.awaitOver(job, true);
    }
  }

  private void extend(WorkerJob job) {
    if (!job.isActive() || job.isOver()) {
      job.stopExtending();
      return;
    }
    try {
      boolean extended = extender.extend(job.reservation());
      int failed = extendFailures.getAndSet(0);
      if (failed > 0) {
        LOG.info("Reservations can be extended again after {} failed extensions", failed);
      }
      if (!extended) {
        LOG.warn(
            "Reservation of job {} ({}) was lost while it ran; another worker may run it too",
            job.logId(),
            job.getName());
        job.stopExtending();
      }
    } catch (RuntimeException e) {
      if (extendFailures.getAndIncrement() == 0) {
        LOG.warn(
            "Could not extend the reservation of job {}: {} (logged once until an extension works again)",
            job.logId(),
            e.toString());
      }
    }
  }
}
