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

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.Payload;

/**
 * How one attempt of one job is retried, resolved when it starts: a payload's {@code maxTries},
 * {@code timeout} and {@code timeoutAt} win over the handler's {@link JobPolicy}, which wins over
 * the worker's settings. Immutable.
 *
 * <p>A retry deadline (think-queue's {@code timeoutAt}, whole Unix seconds) replaces the count of
 * tries: a job runs while {@code now <= deadline}, an attempt that throws once {@code deadline <=
 * now} fails the job, and one that comes back after it fails before running (§7.4). A handler's
 * {@code retryFor} gives a job that arrives without {@code timeoutAt} the deadline "this attempt's
 * start + retryFor", which the worker writes into the payload at the job's next release so later
 * attempts keep it.
 */
final class AttemptRules {
  /** The payload field the worker counts thrown exceptions in (for {@code maxExceptions}). */
  static final String EXCEPTIONS_FIELD = "exceptions";

  /** think-queue's retry deadline field. */
  static final String DEADLINE_FIELD = "timeoutAt";

  private final int maxTries;
  private final Duration timeout;
  private final Backoff backoff;
  private final OptionalLong deadline;
  private final boolean deadlineToStamp;
  private final Integer maxExceptions;
  private final int exceptionsSoFar;
  private final JobPolicy policy;

  private AttemptRules(
      int maxTries,
      Duration timeout,
      Backoff backoff,
      OptionalLong deadline,
      boolean deadlineToStamp,
      Integer maxExceptions,
      int exceptionsSoFar,
      JobPolicy policy) {
    this.maxTries = maxTries;
    this.timeout = timeout;
    this.backoff = backoff;
    this.deadline = deadline;
    this.deadlineToStamp = deadlineToStamp;
    this.maxExceptions = maxExceptions;
    this.exceptionsSoFar = exceptionsSoFar;
    this.policy = policy;
  }

  /**
   * The rules of an attempt starting at {@code start}.
   *
   * @param payload the decoded payload, or null when it could not be read
   * @param policy the handler's policy ({@link JobPolicy#WORKER_DEFAULTS} when none is known)
   */
  static AttemptRules resolve(
      Payload payload, JobPolicy policy, WorkerSettings worker, Instant start) {
    OptionalInt payloadTries = payload == null ? OptionalInt.empty() : payload.maxTries();
    OptionalInt payloadTimeout = payload == null ? OptionalInt.empty() : payload.timeout();
    OptionalLong payloadDeadline = payload == null ? OptionalLong.empty() : payload.timeoutAt();
    int maxTries =
        payloadTries.isPresent()
            ? payloadTries.getAsInt()
            : policy.tries() != null ? policy.tries() : worker.tries();
    Duration timeout =
        payloadTimeout.isPresent()
            ? Duration.ofSeconds(Math.max(0, payloadTimeout.getAsInt()))
            : policy.timeout() != null ? policy.timeout() : worker.timeout();
    Backoff backoff = policy.backoff() != null ? policy.backoff() : worker.backoff();
    OptionalLong deadline = OptionalLong.empty();
    boolean stamp = false;
    // PHP's `if ($timeoutAt && ...)`: 0 (or null) is no deadline.
    if (payloadDeadline.isPresent() && payloadDeadline.getAsLong() != 0) {
      deadline = payloadDeadline;
    } else if (payloadTries.isEmpty() && policy.retryFor() != null) {
      deadline = OptionalLong.of(start.plus(policy.retryFor()).getEpochSecond());
      stamp = true;
    }
    return new AttemptRules(
        maxTries,
        timeout,
        backoff,
        deadline,
        stamp,
        policy.maxExceptions(),
        exceptionsOf(payload),
        policy);
  }

  private static int exceptionsOf(Payload payload) {
    if (payload == null) {
      return 0;
    }
    JsonNode n = payload.field(EXCEPTIONS_FIELD).orElse(null);
    return n != null && n.isIntegralNumber() && n.canConvertToInt() ? Math.max(0, n.intValue()) : 0;
  }

  /** Total tries when no deadline applies: 0 = forever; a negative one (a payload's) fails. */
  int maxTries() {
    return maxTries;
  }

  /** The attempt's timeout; zero = none. */
  Duration timeout() {
    return timeout;
  }

  Backoff backoff() {
    return backoff;
  }

  /** The retry deadline in Unix seconds, if one applies. */
  OptionalLong deadline() {
    return deadline;
  }

  /** True when the deadline came from the handler's retryFor and the payload does not hold it. */
  boolean deadlineToStamp() {
    return deadlineToStamp;
  }

  JobPolicy policy() {
    return policy;
  }

  /** True when thrown exceptions are counted in the payload (the handler sets maxExceptions). */
  boolean countsExceptions() {
    return maxExceptions != null;
  }

  /** Exceptions thrown by the earlier attempts, as the payload counts them. */
  int exceptionsSoFar() {
    return exceptionsSoFar;
  }

  /**
   * think-queue's check before an attempt runs: past the deadline, or more attempts than tries.
   *
   * @return why the job fails without running, or null when it may run
   */
  String exhaustedBeforeRun(int attempts, long nowSeconds) {
    if (deadline.isPresent()) {
      return nowSeconds <= deadline.getAsLong()
          ? null
          : "it is past its retry deadline " + Instant.ofEpochSecond(deadline.getAsLong());
    }
    return maxTries != 0 && attempts > maxTries
        ? "attempt " + attempts + " is over its " + maxTries + " tries"
        : null;
  }

  /**
   * Whether an attempt that threw {@code error} fails the job rather than being retried: the error
   * is permanent (the policy's {@code failFastOn}), the deadline passed (or, without one, this was
   * the last try), or this exception reaches {@code maxExceptions}.
   *
   * @return why the job fails, for the log line, or null to retry it
   */
  String failsOnThrow(Throwable error, int attempts, long nowSeconds) {
    if (policy.isPermanent(error)) {
      return "a permanent exception (failFastOn) at attempt " + attempts;
    }
    if (deadline.isPresent()) {
      if (deadline.getAsLong() <= nowSeconds) {
        return "attempt "
            + attempts
            + " past its retry deadline "
            + Instant.ofEpochSecond(deadline.getAsLong());
      }
    } else if (maxTries != 0 && attempts >= maxTries) {
      return "attempt " + attempts + " of " + maxTries;
    }
    if (maxExceptions != null && exceptionsSoFar + 1 >= maxExceptions) {
      return "exception " + (exceptionsSoFar + 1) + " of at most " + maxExceptions;
    }
    return null;
  }
}
