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
package org.thinkqueue.worker.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.Job;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerListeners;

/**
 * The steps of one attempt that the worker and the sync driver share, in think-queue's order: fire
 * {@link JobProcessing}, run the handler, then either fire {@link JobProcessed}, or call the
 * handler's {@code failed(data, cause)} (logging what it throws) and fire {@link JobFailed}. What
 * happens between the steps (retries, records, timeouts) is the caller's. Thread-safe.
 */
public final class AttemptProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptProtocol.class);

  /** How many exceptions thrown by failed() are attached to one cause at most. */
  static final int MAX_SUPPRESSED = 4;

  private final String connection;
  private final WorkerListeners listeners;

  /**
   * Events name {@code connection}; {@code listeners} are called on the thread that runs the step.
   */
  public AttemptProtocol(String connection, WorkerListeners listeners) {
    this.connection = connection;
    this.listeners = listeners;
  }

  /** Fires {@link JobProcessing}: before the attempt, including before a max-attempts check. */
  public void processing(Job job) {
    listeners.fire(new JobProcessing(connection, job), WorkerListener::onJobProcessing);
  }

  /**
   * Runs the handler on the calling thread.
   *
   * @return what it threw, or null when it returned
   */
  public static Throwable run(RegisteredJob handler, Job job, Object data) {
    try {
      handler.fire(job, data);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /**
   * Fires {@link JobProcessed} after a handler returned normally; {@code elapsed} is its run time.
   */
  public void processed(Job job, Duration elapsed) {
    listeners.fire(new JobProcessed(connection, job, elapsed), WorkerListener::onJobProcessed);
  }

  /**
   * The job failed for good: calls {@code handler.failed(data, cause)} when the handler is known
   * (what it throws is logged, added to {@code cause} as suppressed and otherwise ignored; an
   * interrupt is kept), then fires {@link JobFailed}.
   */
  public void failed(Job job, RegisteredJob handler, Object data, Throwable cause) {
    if (handler != null) {
      try {
        handler.failed(data, cause);
      } catch (Throwable t) {
        if (t instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.error(
            "failed() of job {} ({}) on queue '{}' threw; ignored (a worker records the job as failed "
                + "anyway)",
            job.getId(),
            job.getName(),
            job.getQueue(),
            t);
        // Bounded: a handler may throw one pre-built exception every time, and each attach would
        // grow it (and every later failed-job record's stack trace) for the life of the process.
        if (t != cause && cause.getSuppressed().length < MAX_SUPPRESSED) {
          cause.addSuppressed(t);
        }
      }
    }
    listeners.fire(new JobFailed(connection, job, cause), WorkerListener::onJobFailed);
  }
}
