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
package org.thinkqueue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A reserved job, as a handler sees it. think-queue semantics: the handler ends the job itself with
 * {@link #delete()} or {@link #release(Duration)}; one that returns without either leaves the job
 * reserved until its reservation expires, and it runs again.
 *
 * <p>The names mix think-queue's getters ({@link #getId()}, {@link #getName()}, {@link
 * #getQueue()}, {@link #getRawBody()}, as PHP's {@code $job->getJobId()}, {@code getName()}, {@code
 * getQueue()}, {@code getRawBody()}) with its verbs and plain accessors ({@link #attempts()},
 * {@link #delete()}, {@link #release(long)}, {@link #isDeleted()}, as {@code $job->attempts()},
 * {@code $job->delete()}). This is deliberate: code ported from PHP reads the same. Do not "fix"
 * it.
 *
 * <p>Thread-safe. {@code delete}, {@code release} and {@code fail} settle the job: the first one
 * wins and later calls are no-ops, so a handler and the worker (on timeout or shutdown) cannot both
 * act on the store.
 */
public interface Job {
  /**
   * The job id: the payload's 32-character id (Redis, memory) or the row id (database).
   *
   * @return the id
   */
  String getId();

  /**
   * The job name from the payload ({@code job} field), e.g. {@code
   * UserRegisterJob@sendWelcomeEmail}.
   *
   * @return the name
   */
  String getName();

  /**
   * The queue it was reserved from.
   *
   * @return the queue name
   */
  String getQueue();

  /**
   * The name of the connection (in {@link QueueManager}) it was reserved through.
   *
   * @return the connection name
   */
  String getConnection();

  /**
   * How many times this job has been reserved, this reservation included.
   *
   * @return the attempt number, 1 on the first run
   */
  int attempts();

  /**
   * Removes the job for good. Idempotent; a no-op if the job was already released or failed.
   *
   * @throws ConnectionException if the store cannot be reached (the job stays reserved and runs
   *     again after its reservation expires)
   * @throws QueueDataException if the store refused the write
   */
  void delete();

  /**
   * Makes the job available again after {@code delay}, attempts kept. No-op if already settled.
   *
   * @param delay time until the job is due again, {@link Duration#ZERO} for now
   * @throws IllegalArgumentException if {@code delay} is {@code null} or negative
   * @throws ConnectionException if the store cannot be reached (the job runs again after its
   *     reservation expires)
   * @throws QueueDataException if the store refused the write
   */
  void release(Duration delay);

  /**
   * Makes the job available again after {@code delay} without using an attempt: the attempt that is
   * running now is not counted against the job's tries (River's {@code JobSnooze}, Oban's {@code
   * {:snooze, n}}). For a job that should wait for something (a rate limit's next slot, a resource
   * that is busy) rather than one that failed. No-op if already settled. On a driver without the
   * capability the job is released with the attempt counted, and the worker logs that once.
   *
   * @param delay time until the job is due again, {@link Duration#ZERO} for now
   * @throws IllegalArgumentException if {@code delay} is {@code null} or negative
   * @throws ConnectionException if the store cannot be reached (the job runs again after its
   *     reservation expires)
   * @throws QueueDataException if the store refused the write
   */
  default void snooze(Duration delay) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot snooze a job");
  }

  /**
   * {@link #release(Duration)} in seconds, as think-queue's {@code $job->release($delay)}.
   *
   * @param delaySeconds seconds until the job is due again, 0 or more
   * @throws IllegalArgumentException if {@code delaySeconds} is negative
   */
  default void release(long delaySeconds) {
    release(Duration.ofSeconds(delaySeconds));
  }

  /** Releases the job for immediate retry, as think-queue's {@code $job->release()}. */
  default void release() {
    release(Duration.ZERO);
  }

  /**
   * Whether {@link #delete()} was called, or the worker deleted the job.
   *
   * @return true once deleted
   */
  boolean isDeleted();

  /**
   * Whether {@link #release(Duration)} was called, or the worker released the job.
   *
   * @return true once released
   */
  boolean isReleased();

  /**
   * think-queue's {@code isDeletedOrReleased()}.
   *
   * @return true once the job was deleted or released
   */
  default boolean isDeletedOrReleased() {
    return isDeleted() || isReleased();
  }

  /**
   * Fails the job now: a failed-job record is written, the job is deleted, the handler's {@code
   * failed(data, cause)} runs and {@code JobFailed} fires (the sync driver has no store: it runs
   * {@code failed} and fires the event). If the record cannot be written the job is released
   * instead, so it is not lost. No-op if already settled.
   *
   * @param cause why the job failed; recorded with its stack trace
   */
  void fail(Throwable cause);

  /**
   * Whether the job was failed, by {@link #fail(Throwable)} or by the worker.
   *
   * @return true once failed
   */
  boolean hasFailed();

  /**
   * The payload as stored when it was reserved (for Redis 3.x, the copy before the attempts bump,
   * as PHP).
   *
   * @return the raw JSON text
   */
  String getRawBody();

  /**
   * The decoded payload.
   *
   * @return the payload
   */
  Payload payload();

  /**
   * The payload's {@code maxTries}, overriding the worker's tries, when set.
   *
   * @return the maximum tries, or empty
   */
  default OptionalInt maxTries() {
    return payload().maxTries();
  }

  /**
   * The payload's {@code timeout}, overriding the worker's timeout, when set.
   *
   * @return the timeout, or empty
   */
  default Optional<Duration> timeout() {
    OptionalInt t = payload().timeout();
    return t.isPresent() ? Optional.of(Duration.ofSeconds(t.getAsInt())) : Optional.empty();
  }
}
