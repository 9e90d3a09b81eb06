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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.JobTimeoutException;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.UnknownJobException;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.internal.AttemptProtocol;
import org.thinkqueue.worker.internal.MiddlewareChain;

/**
 * One attempt of one reserved job, think-queue's {@code Worker::process}: {@code JobProcessing};
 * resolve the attempt's {@link AttemptRules} (payload, then the handler's policy, then the worker);
 * fail an unreadable payload, a job over its max tries or past its retry deadline, or an unknown
 * job name; convert the data; run the middleware chain (the worker's, then the handler's) and the
 * handler with its timeout armed and its reservation extended; then the outcome (processed and
 * deleted, or left to the {@link FailureHandler}).
 */
final class AttemptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final Connector connector;
  private final String connection;
  private final JobRegistry registry;
  private final AttemptProtocol protocol;
  private final FailureHandler failures;
  private final Ticker ticker;
  private final Clock clock;
  private final WorkerSettings settings;
  private final int maxReadBytes;
  private final List<JobMiddleware> middleware;

  /**
   * How often a running job's reservation is extended; 0 when the connector's reservations never
   * expire.
   */
  private final long extendPeriodNanos;

  private final Set<String> warnedNoDelete = ConcurrentHashMap.newKeySet();

  AttemptRunner(
      Connector connector,
      String connection,
      JobRegistry registry,
      AttemptProtocol protocol,
      FailureHandler failures,
      WorkerSettings settings,
      long extendPeriodNanos) {
    this.connector = connector;
    this.connection = connection;
    this.registry = registry;
    this.protocol = protocol;
    this.failures = failures;
    this.ticker = settings.ticker();
    this.clock = settings.clock();
    this.settings = settings;
    this.maxReadBytes = settings.maxReadBytes();
    this.middleware = settings.middleware();
    this.extendPeriodNanos = extendPeriodNanos;
  }

  /**
   * The job for a reservation, its payload decoded here (on the poll thread) unless it cannot be
   * read.
   */
  WorkerJob newJob(String queue, ReservedJob r) {
    Payload payload = null;
    RuntimeException decodeError = null;
    try {
      decodeError = checkReadable(r.rawBody());
      if (decodeError == null) {
        payload = registry.readPayload(r.rawBody());
      }
    } catch (PayloadException e) {
      decodeError = e;
    } catch (RuntimeException e) {
      decodeError =
          new PayloadException("Payload could not be decoded: " + e.getClass().getName(), e);
    }
    return new WorkerJob(
        failures,
        connector,
        connection,
        queue,
        r,
        payload,
        decodeError,
        AttemptRules.resolve(payload, JobPolicy.WORKER_DEFAULTS, settings, clock.instant()));
  }

  /**
   * Null if the payload may be decoded; else why not: missing, or above the read limit (measured
   * without decoding: 3 bytes per char bounds its UTF-8 length, counted only when that bound is
   * over the limit).
   */
  private PayloadException checkReadable(String raw) {
    if (raw == null) {
      return new PayloadException("Payload is missing (the store returned no body)");
    }
    if ((long) raw.length() * 3 > maxReadBytes) {
      int size = PayloadCodec.utf8Length(raw);
      if (size > maxReadBytes) {
        return new PayloadTooLargeToReadException(size, maxReadBytes);
      }
    }
    return null;
  }

  /** Runs the attempt on the calling job thread. */
  void run(WorkerJob job) {
    protocol.processing(job);
    Payload payload = job.decoded();
    if (payload == null) {
      LOG.warn(
          "Job {} on queue '{}' has an unreadable payload; recording it as failed: {}",
          job.logId(),
          job.getQueue(),
          job.decodeError().getMessage());
      failures.claimAndFail(job, job.decodeError());
      return;
    }
    Optional<RegisteredJob> found = registry.find(job.getName());
    Instant start = clock.instant();
    AttemptRules rules =
        AttemptRules.resolve(
            payload,
            found.map(RegisteredJob::policy).orElse(JobPolicy.WORKER_DEFAULTS),
            settings,
            start);
    job.rules(rules);
    // think-queue: a deadline when there is one (now <= timeoutAt), else 0 === $maxTries ||
    // attempts <= $maxTries; a negative maxTries (a payload's) fails at once.
    String exhausted = rules.exhaustedBeforeRun(job.attempts(), start.getEpochSecond());
    if (exhausted != null) {
      LOG.warn(
          "Job {} ({}) on queue '{}' failed before running: {}",
          job.logId(),
          job.getName(),
          job.getQueue(),
          exhausted);
      // think-queue's failJob() calls the handler's failed($data, $e) on this path too
      found.ifPresent(
          h -> {
            try {
              job.resolved(h, h.convert(payload));
            } catch (RuntimeException e) {
              LOG.warn(
                  "Job {} ({}) has data its handler cannot read; failing it without calling failed(): {}",
                  job.logId(),
                  job.getName(),
                  e.getMessage());
            }
          });
      failures.claimAndFail(job, new MaxAttemptsExceededException(job.getName()));
      return;
    }
    if (found.isEmpty()) {
      failures.claimAndFail(job, new UnknownJobException(job.getName()));
      return;
    }
    RegisteredJob handler = found.get();
    Object data;
    try {
      data = handler.convert(payload);
    } catch (PayloadException e) {
      job.resolved(handler, null);
      failures.claimAndFail(job, e);
      return;
    }
    job.resolved(handler, data);
    if (rules.deadlineToStamp()) {
      // The deadline counts from this first attempt: later attempts read it from the payload.
      job.stamp(AttemptRules.DEADLINE_FIELD, rules.deadline().getAsLong());
    }
    UniqueKeyRelease.atStart(connector, job);
    fire(job, handler, data, rules);
  }

  private void fire(WorkerJob job, RegisteredJob handler, Object data, AttemptRules rules) {
    long start = ticker.nanoTime();
    if (extendPeriodNanos > 0) {
      job.startExtending(start + extendPeriodNanos);
    }
    Duration timeout = rules.timeout();
    if (!timeout.isZero()) {
      job.armTimeout(timeout, start + timeout.toNanos());
    }
    Throwable error =
        MiddlewareChain.run(middleware, rules.policy().middleware(), handler, job, data);
    boolean timedOut = job.handlerReturned();
    // A timeout interrupt can only land while the handler runs (see WorkerJob.timeOut); clear one
    // that did.
    Thread.interrupted();
    if (!job.claimOutcome()) {
      return;
    }
    if (timedOut) {
      JobTimeoutException timeoutError = new JobTimeoutException(job.getName(), timeout);
      if (error != null) {
        timeoutError.addSuppressed(error);
      }
      error = timeoutError;
    }
    if (error != null) {
      failures.onException(job, error);
      return;
    }
    protocol.processed(job, Duration.ofNanos(ticker.nanoTime() - start));
    if (job.isActive()) {
      if (handler.deletesOnReturn()) {
        job.deleteAfterReturn();
      } else if (warnedNoDelete.add(job.getName())) {
        LOG.warn(
            "Handler of '{}' returned without deleting or releasing job {}: it stays reserved and runs again "
                + "when its reservation expires (retryAfter {}). Call job.delete() when done. (Logged once per job name.)",
            job.getName(),
            job.logId(),
            connector.retryAfter());
      }
    }
  }
}
