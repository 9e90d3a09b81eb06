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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a running worker stops by itself: after max jobs or max time (checked by the poll loop
 * between polls), or when the heap after GC reaches the memory limit or the restart signal changed
 * (checked by the watchdog every {@value #HOUSEKEEPING_MILLIS} ms, so a restart is seen within a
 * second even while the poll thread waits).
 */
final class StopConditions {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** How often the watchdog checks the restart signal and the memory limit (system time). */
  static final long HOUSEKEEPING_MILLIS = 500;

  private final long maxJobs;
  private final Duration maxTime;
  private final int memoryLimitMb;
  private final Clock clock;
  private final RestartWatch restartWatch;
  private final boolean hasRestartSignal;
  private final LongSupplier processed;
  private final Lifecycle lifecycle;
  private final IntConsumer stop;
  private Instant startedAt;

  /**
   * @param processed the jobs processed so far
   * @param stop asks the worker to stop with a status ({@link Worker#EXIT_OK} or {@link
   *     Worker#EXIT_MEMORY_LIMIT})
   */
  StopConditions(
      WorkerSettings settings,
      RestartWatch restartWatch,
      boolean hasRestartSignal,
      LongSupplier processed,
      Lifecycle lifecycle,
      IntConsumer stop) {
    this.maxJobs = settings.maxJobs();
    this.maxTime = settings.maxTime();
    this.memoryLimitMb = settings.memoryLimitMb();
    this.clock = settings.clock();
    this.restartWatch = restartWatch;
    this.hasRestartSignal = hasRestartSignal;
    this.processed = processed;
    this.lifecycle = lifecycle;
    this.stop = stop;
  }

  /**
   * On the poll thread, before the first poll: the restart signal's baseline and max time's start.
   */
  void begin(Watchdog watchdog) {
    restartWatch.takeBaseline();
    startedAt = clock.instant();
    if (hasRestartSignal || memoryLimitMb > 0) {
      watchdog.schedule(this::housekeep, HOUSEKEEPING_MILLIS);
    }
  }

  /** True (logged) when max jobs or max time is reached. */
  boolean reached() {
    if (maxJobs > 0 && processed.getAsLong() >= maxJobs) {
      LOG.info("Worker reached max jobs ({}); stopping", maxJobs);
      return true;
    }
    if (maxTime != null && Duration.between(startedAt, clock.instant()).compareTo(maxTime) >= 0) {
      LOG.info("Worker reached max time ({}); stopping", maxTime);
      return true;
    }
    return false;
  }

  /**
   * How many more jobs may be reserved under max jobs, given {@code reserved} so far; MAX_VALUE
   * without a limit.
   */
  long reservable(long reserved) {
    return maxJobs > 0 ? maxJobs - reserved : Long.MAX_VALUE;
  }

  /** The idle wait: {@code sleep}, cut to what is left of max time. */
  Duration idleWait(Duration sleep) {
    if (maxTime == null) {
      return sleep;
    }
    Duration left = maxTime.minus(Duration.between(startedAt, clock.instant()));
    return left.isNegative() ? Duration.ZERO : (left.compareTo(sleep) < 0 ? left : sleep);
  }

  private void housekeep() {
    try {
      if (lifecycle.isStopping()) {
        return;
      }
      if (memoryExceeded()) {
        LOG.warn(
            "Worker heap after GC reached the memory limit of {} MB; stopping with status {}",
            memoryLimitMb,
            Worker.EXIT_MEMORY_LIMIT);
        stop.accept(Worker.EXIT_MEMORY_LIMIT);
      } else if (restartWatch.restartRequested()) {
        LOG.info("Restart signal received; stopping");
        stop.accept(Worker.EXIT_OK);
      }
    } catch (Throwable t) {
      LOG.error("Worker housekeeping failed; it runs again in {} ms", HOUSEKEEPING_MILLIS, t);
    }
  }

  private boolean memoryExceeded() {
    if (memoryLimitMb <= 0) {
      return false;
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        MemoryUsage u = pool.getCollectionUsage();
        used += u != null ? u.getUsed() : pool.getUsage().getUsed();
      }
    }
    return used >= (long) memoryLimitMb * 1024 * 1024;
  }
}
