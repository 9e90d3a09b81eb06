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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;

/**
 * The poll thread's loop: check the stop conditions, take the free job slots, reserve up to that
 * many jobs from the first queue (in priority order) that has any, hand them to the job threads,
 * wait when there was nothing. It never dies from an exception: a failed poll pauses as {@link
 * PollOutage} says and goes on. A queue the store refuses as a data error is skipped (logged once
 * per streak) while the others are worked.
 */
final class PollLoop {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** How long the loop waits when max jobs are reserved but not all processed yet. */
  private static final Duration MAX_JOBS_WAIT = Duration.ofMillis(50);

  private final Connector connector;
  private final String connection;
  private final List<String> queues;
  private final WorkerSettings settings;
  private final Lifecycle lifecycle;
  private final StopConditions conditions;
  private final JobExecutor executor;
  private final AttemptRunner attempts;
  private final IdleWaiter idle;
  private final PollOutage outage;

  /** Queues whose last reservation the store refused as a data error (logged once per streak). */
  private final Set<String> refusedQueues = ConcurrentHashMap.newKeySet();

  PollLoop(
      Connector connector,
      String connection,
      List<String> queues,
      WorkerSettings settings,
      Lifecycle lifecycle,
      StopConditions conditions,
      JobExecutor executor,
      AttemptRunner attempts,
      IdleWaiter idle) {
    this.connector = connector;
    this.connection = connection;
    this.queues = queues;
    this.settings = settings;
    this.lifecycle = lifecycle;
    this.conditions = conditions;
    this.executor = executor;
    this.attempts = attempts;
    this.idle = idle;
    this.outage = new PollOutage(connection, PollOutage.SLF4J, settings.ticker()::nanoTime);
  }

  /**
   * Runs until a stop is asked for, a stop condition is met, {@code once} is done, or the thread is
   * interrupted.
   */
  void run() {
    while (!lifecycle.isStopping()
        && !Thread.currentThread().isInterrupted()
        && !conditions.reached()) {
      int free = 0;
      try {
        free = executor.acquireSlots();
        if (free == 0) {
          continue;
        }
        long left = conditions.reservable(executor.reserved());
        if (left <= 0) {
          // max jobs are reserved: wait for them to finish
          executor.releaseSlots(free);
          free = 0;
          idle.await(MAX_JOBS_WAIT, true);
          continue;
        }
        int max = settings.once() ? 1 : (int) Math.min(free, left);
        Reserved got = reserve(max);
        executor.releaseSlots(free - got.jobs().size());
        free = 0;
        List<WorkerJob> dispatched = new ArrayList<>(got.jobs().size());
        for (ReservedJob r : got.jobs()) {
          WorkerJob job = attempts.newJob(got.queue(), r);
          executor.execute(job); // holds one of the slots taken; its job thread gives it back
          dispatched.add(job);
        }
        if (settings.once()) {
          if (dispatched.isEmpty()) {
            idle.await(settings.sleep(), false);
          } else {
            dispatched.forEach(j -> executor.awaitOver(j, false));
          }
          return;
        }
        if (dispatched.isEmpty()) {
          idle.await(conditions.idleWait(settings.sleep()), false);
        }
      } catch (Throwable t) {
        executor.releaseSlots(free);
        idle.await(outage.failed(t), true);
      }
    }
  }

  private record Reserved(String queue, List<ReservedJob> jobs) {}

  /** Reserves up to {@code max} jobs from the first queue that has any. */
  private Reserved reserve(int max) {
    List<ReservedJob> jobs = List.of();
    String from = null;
    QueueDataException refused = null;
    for (String queue : queues) {
      if (lifecycle.isStopping()) {
        break;
      }
      try {
        jobs = connector.pop(queue, max);
      } catch (QueueDataException e) {
        // The store refused this queue's data (e.g. a key of the wrong type): the other queues
        // still run.
        refused = e;
        if (refusedQueues.add(queue)) {
          LOG.error(
              "Queue '{}' on connection '{}' cannot be reserved from: {}; working the other queues and "
                  + "trying it again on every poll (logged once until it works again)",
              queue,
              connection,
              e.getMessage());
        }
        continue;
      }
      if (refusedQueues.remove(queue)) {
        LOG.info("Queue '{}' on connection '{}' can be reserved from again", queue, connection);
      }
      if (!jobs.isEmpty()) {
        from = queue;
        break;
      }
    }
    if (refused != null && refusedQueues.size() == queues.size()) {
      throw refused; // nothing to work: pause as in an outage
    }
    outage.succeeded();
    return new Reserved(from, jobs);
  }
}
