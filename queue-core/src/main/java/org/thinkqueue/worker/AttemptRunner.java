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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * One attempt of one reserved job, think-queue's {@code Worker::process}: {@code JobProcessing};
 * fail an unreadable payload, a job over its max tries or an unknown job name; convert the data;
 * run the handler with its timeout armed and its reservation extended; then the outcome (processed
 * and deleted, or left to the {@link FailureHandler}).
 */
final class AttemptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final Connector connector;
  private final String connection;
  private final JobRegistry registry;
  private final AttemptProtocol protocol;
  private final FailureHandler failures;
  private final Ticker ticker;
  private final Duration defaultTimeout;
  private final int maxReadBytes;
  private final List<JobInterceptor> interceptors;

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
    this.defaultTimeout = settings.timeout();
    this.maxReadBytes = settings.maxReadBytes();
    this.interceptors = settings.interceptors();
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
    return new WorkerJob(failures, connector, connection, queue, r, payload, decodeError);
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
    int maxTries = failures.maxTries(job);
    // think-queue: 0 === $maxTries || attempts <= $maxTries; a negative maxTries (a payload's)
    // fails at once.
    if (maxTries != 0 && job.attempts() > maxTries) {
      // think-queue's failJob() calls the handler's failed($data, $e) on this path too
      registry
          .find(job.getName())
          .ifPresent(
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
    Optional<RegisteredJob> found = registry.find(job.getName());
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
    UniqueKeyRelease.atStart(connector, job);
    fire(job, handler, data, maxTries);
  }

  private void fire(WorkerJob job, RegisteredJob handler, Object data, int maxTries) {
    long start = ticker.nanoTime();
    if (extendPeriodNanos > 0) {
      job.startExtending(start + extendPeriodNanos);
    }
    Duration timeout = timeoutOf(job.decoded());
    if (!timeout.isZero()) {
      job.armTimeout(timeout, start + timeout.toNanos());
    }
    Throwable error =
        interceptors.isEmpty()
            ? AttemptProtocol.run(handler, job, data)
            : runIntercepted(handler, job, data);
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
      failures.onException(job, error, maxTries);
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

  /**
   * The handler inside the interceptors, the first one outermost; what the chain threw, or null.
   */
  private Throwable runIntercepted(RegisteredJob handler, WorkerJob job, Object data) {
    JobInterceptor.Invocation next = () -> handler.fire(job, data);
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      JobInterceptor interceptor = interceptors.get(i);
      JobInterceptor.Invocation inner = next;
      next = () -> interceptor.around(job, inner);
    }
    try {
      next.proceed();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private Duration timeoutOf(Payload payload) {
    OptionalInt fromPayload = payload.timeout();
    return fromPayload.isPresent()
        ? Duration.ofSeconds(Math.max(0, fromPayload.getAsInt()))
        : defaultTimeout;
  }
}
