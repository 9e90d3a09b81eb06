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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job threads: a fixed pool fed through a {@link HandOffQueue}, one slot per thread (the poll
 * thread reserves only as many jobs as there are free slots), the set of jobs in flight, and the
 * drain on stop (wait until the stop deadline, then release the rest).
 */
final class JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** How long the poll thread spins for a free slot before it parks (system time). */
  private static final long SPIN_NANOS = HandOffQueue.SPIN_NANOS;

  /** How long one park for a slot lasts before the loop checks its stop conditions again. */
  private static final long SLOT_PARK_MILLIS = 200;

  private final ExecutorService pool;
  private final Semaphore slots;
  private final Set<WorkerJob> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong reserved = new AtomicLong();
  private final Lifecycle lifecycle;
  private final IdleWaiter idle;
  private final Ticker ticker;
  private final AttemptRunner attempts;
  private final FailureHandler failures;
  private final DeleteTracker deletes;

  JobExecutor(
      int threads,
      ThreadFactory threadFactory,
      Lifecycle lifecycle,
      IdleWaiter idle,
      Ticker ticker,
      AttemptRunner attempts,
      FailureHandler failures,
      DeleteTracker deletes) {
    this.pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new HandOffQueue(), threadFactory);
    this.slots = new Semaphore(threads);
    this.lifecycle = lifecycle;
    this.idle = idle;
    this.ticker = ticker;
    this.attempts = attempts;
    this.failures = failures;
    this.deletes = deletes;
  }

  /**
   * Takes every free slot, spinning briefly then parking (woken by a stop) when there is none.
   *
   * @return the slots taken; 0 after a park that found none, or on stop
   */
  int acquireSlots() {
    int free = slots.drainPermits();
    if (free > 0) {
      return free;
    }
    // Short jobs free a slot within microseconds: spin briefly before parking, as parking and the
    // unpark that
    // follows cost more than such a job on a small machine.
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (System.nanoTime() - spinUntil < 0) {
      if (slots.availablePermits() > 0 && (free = slots.drainPermits()) > 0) {
        return free;
      }
      Thread.onSpinWait();
    }
    return idle.acquire(slots, SLOT_PARK_MILLIS) ? 1 + slots.drainPermits() : 0;
  }

  /** Waits for one slot (for {@code runOnce}); false if interrupted. */
  boolean acquireOneSlot() {
    try {
      slots.acquire();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void releaseSlots(int n) {
    if (n > 0) {
      slots.release(n);
    }
  }

  /** Jobs handed to the pool since start (for max jobs). */
  long reserved() {
    return reserved.get();
  }

  /** The jobs in flight, for the watchdog's sweep. */
  Iterable<WorkerJob> running() {
    return running;
  }

  /** The watchdog gave up on a job: it no longer counts as in flight. */
  void forget(WorkerJob job) {
    running.remove(job);
  }

  /**
   * Runs the job's attempt on a job thread; the caller holds one slot for it, which the job thread
   * gives back.
   *
   * @throws RejectedExecutionException if the pool was shut down (the job is released, the slot
   *     given back)
   */
  void execute(WorkerJob job) {
    reserved.incrementAndGet();
    running.add(job);
    try {
      pool.execute(() -> process(job));
    } catch (RejectedExecutionException e) {
      running.remove(job);
      slots.release();
      reserved.decrementAndGet();
      failures.releaseQuietly(job, Duration.ZERO);
      throw e;
    }
  }

  private void process(WorkerJob job) {
    job.bindThread();
    try {
      if (lifecycle.releasesAtOnce()) {
        if (job.claimOutcome()) {
          failures.releaseByWorker(job, Duration.ZERO);
        }
        return;
      }
      attempts.run(job);
    } catch (Throwable t) {
      LOG.error("Unexpected error while processing {}", job, t);
    } finally {
      Thread.interrupted();
      job.unbindThread();
      running.remove(job);
      deletes.attemptFinished(job);
      slots.release();
      job.attemptOver();
    }
  }

  /**
   * Waits for running jobs until the stop deadline (which a later stop may bring forward), then
   * releases the rest and interrupts their threads.
   */
  void drain(Duration grace) {
    for (WorkerJob job : List.copyOf(running)) {
      awaitOver(job, true);
    }
    for (WorkerJob job : List.copyOf(running)) {
      if (job.isOver() || !job.claimOutcome()) {
        continue;
      }
      LOG.warn(
          "Job {} ({}) did not finish within the stop grace of {} ms; releasing it now",
          job.logId(),
          job.getName(),
          grace.toMillis());
      failures.releaseByWorker(job, Duration.ZERO);
      job.interruptThread();
    }
  }

  /**
   * Waits until the job's attempt is over, or (with {@code untilStopDeadline}) the stop deadline
   * passed.
   */
  void awaitOver(WorkerJob job, boolean untilStopDeadline) {
    while (!job.isOver()) {
      long deadline = untilStopDeadline ? lifecycle.stopDeadline() : Lifecycle.NO_DEADLINE;
      long left = deadline == Lifecycle.NO_DEADLINE ? Long.MAX_VALUE : deadline - ticker.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        // Wakes at least every 100 ms: a later stop may bring the deadline forward, the ticker may
        // be a test's.
        job.awaitOver(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  void shutdown() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
