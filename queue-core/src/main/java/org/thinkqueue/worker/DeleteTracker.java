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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletes written after handlers returned ({@code Connector.deleteAsync}): a job counts as
 * processed when its delete landed (or failed, logged: the job then runs again when its reservation
 * expires), and a stopping worker waits for the deletes still in flight, or the jobs would run
 * again. Thread-safe.
 */
final class DeleteTracker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final Duration retryAfter;
  private final Runnable countProcessed;
  private final Object lock = new Object();
  private int inFlight;

  /** {@code countProcessed} runs once per finished attempt, after its delete (if any) settled. */
  DeleteTracker(Duration retryAfter, Runnable countProcessed) {
    this.retryAfter = retryAfter;
    this.countProcessed = countProcessed;
  }

  /** The attempt is over: counts it now, or once the delete it started has settled. */
  void attemptFinished(WorkerJob job) {
    CompletableFuture<Void> delete = job.pendingDelete();
    if (delete == null || delete.isDone()) {
      count(job, delete);
      return;
    }
    synchronized (lock) {
      inFlight++;
    }
    delete.whenComplete(
        (ok, e) -> {
          count(job, delete);
          synchronized (lock) {
            if (--inFlight == 0) {
              lock.notifyAll();
            }
          }
        });
  }

  private void count(WorkerJob job, CompletableFuture<Void> delete) {
    if (delete != null) {
      try {
        delete.join();
      } catch (RuntimeException e) {
        Throwable cause =
            e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        LOG.error(
            "Job {} ({}) ran, but deleting it failed; it stays reserved and runs again when its reservation "
                + "expires (retryAfter {}): {}",
            job.logId(),
            job.getName(),
            retryAfter,
            cause.toString());
      }
    }
    countProcessed.run();
  }

  /** Waits (at most {@code max} of system time) for the deletes still being written. */
  void await(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (lock) {
      long left;
      while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
