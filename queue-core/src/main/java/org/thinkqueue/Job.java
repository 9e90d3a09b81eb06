package org.thinkqueue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A reserved job, as a handler sees it. think-queue semantics: the handler ends the job itself with {@link #delete()}
 * or {@link #release(Duration)}; one that returns without either leaves the job reserved until its reservation
 * expires, and it runs again.
 *
 * <p>Thread-safe. {@code delete}, {@code release} and {@code fail} settle the job: the first one wins and later calls
 * are no-ops, so a handler and the worker (on timeout or shutdown) cannot both act on the store.
 */
public interface Job {
  /** The job id: the payload's 32-character id (Redis, memory) or the row id (database). */
  String getId();

  /** The job name from the payload ({@code job} field), e.g. {@code UserRegisterJob@sendWelcomeEmail}. */
  String getName();

  /** The queue it was reserved from. */
  String getQueue();

  /** The name of the connection (in {@link QueueManager}) it was reserved through. */
  String getConnection();

  /** How many times this job has been reserved, this reservation included (1 on the first run). */
  int attempts();

  /** Removes the job for good. Idempotent. */
  void delete();

  /** Makes the job available again after {@code delay}, attempts kept. No-op if already settled. */
  void release(Duration delay);

  /** {@link #release(Duration)} in seconds, as think-queue's {@code $job->release($delay)}. */
  default void release(long delaySeconds) {
    release(Duration.ofSeconds(delaySeconds));
  }

  /** Releases the job for immediate retry. */
  default void release() {
    release(Duration.ZERO);
  }

  boolean isDeleted();

  boolean isReleased();

  default boolean isDeletedOrReleased() {
    return isDeleted() || isReleased();
  }

  /**
   * Fails the job now: a failed-job record is written, the job is deleted, the handler's {@code failed(data, cause)}
   * runs and {@code JobFailed} fires (the sync driver has no store: it runs {@code failed} and fires the event). If
   * the record cannot be written the job is released instead, so it is not lost. No-op if already settled.
   */
  void fail(Throwable cause);

  boolean hasFailed();

  /** The payload as stored when it was reserved (for Redis 3.x, the copy before the attempts bump, as PHP). */
  String getRawBody();

  /** The decoded payload. */
  Payload payload();

  /** The payload's {@code maxTries}, overriding the worker's tries, when set. */
  default OptionalInt maxTries() {
    return payload().maxTries();
  }

  /** The payload's {@code timeout}, overriding the worker's timeout, when set. */
  default Optional<Duration> timeout() {
    OptionalInt t = payload().timeout();
    return t.isPresent() ? Optional.of(Duration.ofSeconds(t.getAsInt())) : Optional.empty();
  }
}
