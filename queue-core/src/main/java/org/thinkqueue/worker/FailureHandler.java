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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.JobSnoozed;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerListeners;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.worker.internal.AttemptProtocol;

/**
 * What happens to a job whose attempt went wrong: released with the back-off, or failed by its
 * {@link AttemptRules} (last try, retry deadline passed, a permanent exception, too many
 * exceptions). Failing records the job in the failed-job store, deletes it, calls the handler's
 * {@code failed} and fires {@code JobFailed}; a job whose failure cannot be recorded is released
 * instead, so it is never lost. Thread-safe: called from job threads, the watchdog and a stopping
 * poll thread.
 */
final class FailureHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /**
   * The release delay of a job whose failure could not be recorded, by the number of such failures
   * in a row, whatever the configured back-off: it must not spin against a store that refuses
   * writes.
   */
  private static final Backoff STORE_FAILURE_BACKOFF =
      Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5));

  private final Connector connector;
  private final String connection;
  private final FailedJobStore store;
  private final Clock clock;
  private final Rescheduler rescheduler;
  private final AttemptProtocol protocol;
  private final WorkerListeners listeners;

  /** Failed-job records that could not be written in a row; logged once per streak. */
  private final AtomicInteger recordFailures = new AtomicInteger();

  FailureHandler(
      Connector connector,
      String connection,
      FailedJobStore store,
      WorkerSettings settings,
      AttemptProtocol protocol,
      WorkerListeners listeners) {
    this.connector = connector;
    this.connection = connection;
    this.store = store;
    this.clock = settings.clock();
    this.rescheduler = new Rescheduler(connector);
    this.protocol = protocol;
    this.listeners = listeners;
  }

  Rescheduler rescheduler() {
    return rescheduler;
  }

  /** The wall-clock time retry deadlines are checked against, in whole Unix seconds. */
  long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  /**
   * The attempt threw or timed out (its outcome is claimed): fails the job when its rules say so
   * (last try, deadline passed, a permanent exception, too many exceptions), fires {@code
   * JobExceptionOccurred}, and releases it with the back-off if it is still active (with its
   * exception count when the handler limits them).
   */
  void onException(WorkerJob job, Throwable error) {
    AttemptRules rules = job.rules();
    try {
      if (!job.hasFailed() && job.isActive()) {
        String why = rules.failsOnThrow(error, job.attempts(), nowSeconds());
        if (why != null) {
          LOG.warn(
              "Job {} ({}) on queue '{}' failed: {}: {}",
              job.logId(),
              job.getName(),
              job.getQueue(),
              why,
              error.toString());
          failJob(job, error);
        } else if (rules.countsExceptions()) {
          job.stamp(AttemptRules.EXCEPTIONS_FIELD, rules.exceptionsSoFar() + 1L);
        }
      }
      listeners.fire(
          new JobExceptionOccurred(connection, job, error), WorkerListener::onJobExceptionOccurred);
    } finally {
      if (job.isActive()) {
        Duration delay = rules.backoff().delayAfter(job.attempts());
        LOG.warn(
            "Job {} ({}) on queue '{}' threw at attempt {}; released with delay {} ms: {}",
            job.logId(),
            job.getName(),
            job.getQueue(),
            job.attempts(),
            delay.toMillis(),
            error.toString());
        releaseByWorker(job, delay);
      }
    }
  }

  /** Fails the job if this caller claims the attempt's outcome. */
  void claimAndFail(WorkerJob job, Throwable cause) {
    if (job.claimOutcome()) {
      failJob(job, cause);
    }
  }

  /**
   * Fails a job: record, delete, the handler's failed(), the JobFailed event. Also behind {@code
   * Job.fail}.
   */
  void failJob(WorkerJob job, Throwable cause) {
    if (!job.claimFailed()) {
      return;
    }
    String raw = job.getRawBody();
    try {
      store.record(connection, job.getQueue(), raw == null ? "" : raw, stackTrace(cause));
    } catch (RuntimeException e) {
      releaseUnrecorded(job, e);
      return;
    }
    int streak = recordFailures.getAndSet(0);
    if (streak > 0) {
      LOG.info("Failed-job store {} records again after {} failed writes", store, streak);
    }
    try {
      connector.delete(job.reservation());
      job.markDeletedFromStore();
    } catch (RuntimeException e) {
      LOG.error(
          "Job {} was recorded as failed but could not be deleted; it may run again after its reservation "
              + "expires",
          job.logId(),
          e);
    }
    protocol.failed(job, job.handler(), job.data(), cause);
  }

  /**
   * A job whose failure could not be recorded goes back with a delay that grows with the failed
   * writes in a row, whatever the back-off: a store that refuses writes must not turn it into a hot
   * loop. Logged once per streak.
   */
  private void releaseUnrecorded(WorkerJob job, RuntimeException e) {
    int streak = recordFailures.incrementAndGet();
    Duration delay = STORE_FAILURE_BACKOFF.delayAfter(streak);
    Duration configured = job.rules().backoff().delayAfter(job.attempts());
    if (configured.compareTo(delay) > 0) {
      delay = configured;
    }
    if (streak == 1) {
      LOG.error(
          "Could not record failed job {} ({}) on queue '{}' in the failed-job store {}; releasing it with "
              + "a growing delay (now {} ms) until the store takes writes again (logged once per streak)",
          job.logId(),
          job.getName(),
          job.getQueue(),
          store,
          delay.toMillis(),
          e);
    } else {
      LOG.debug(
          "Could not record failed job {} ({}), {} failed writes in a row; released with delay {} ms: {}",
          job.logId(),
          job.getName(),
          streak,
          delay.toMillis(),
          e.toString());
    }
    try {
      connector.release(job.reservation(), delay);
    } catch (RuntimeException re) {
      LOG.error(
          "Could not release job {} ({}) either; it returns when its reservation expires: {}",
          job.logId(),
          job.getName(),
          re.toString());
    }
  }

  /**
   * Releases an active job and fires {@code JobReleased}; a release that fails is logged (the lease
   * expires).
   */
  void releaseByWorker(WorkerJob job, Duration delay) {
    if (!job.isActive()) {
      return;
    }
    try {
      job.release(delay);
      listeners.fire(new JobReleased(connection, job, delay), WorkerListener::onJobReleased);
    } catch (RuntimeException e) {
      LOG.error(
          "Could not release job {} ({}); it returns when its reservation expires",
          job.logId(),
          job.getName(),
          e);
    }
  }

  /** A handler or middleware snoozed the job: fires {@code JobSnoozed}. */
  void snoozed(WorkerJob job, Duration delay, boolean refunded) {
    LOG.debug(
        "Job {} ({}) snoozed for {} ms{}",
        job.logId(),
        job.getName(),
        delay.toMillis(),
        refunded ? "" : " (released: the attempt stays counted)");
    listeners.fire(new JobSnoozed(connection, job, delay, refunded), WorkerListener::onJobSnoozed);
  }

  /** Releases a job that never started (no event). */
  void releaseQuietly(WorkerJob job, Duration delay) {
    try {
      job.release(delay);
    } catch (RuntimeException e) {
      LOG.error(
          "Could not release job {}; it returns when its reservation expires", job.logId(), e);
    }
  }

  static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
