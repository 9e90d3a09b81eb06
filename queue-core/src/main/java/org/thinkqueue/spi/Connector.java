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
package org.thinkqueue.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;

/**
 * What a driver implements: storage of payload strings in think-queue's layout. The producer API
 * ({@link org.thinkqueue.QueueConnection}) builds and validates payloads before calling it; the
 * worker reserves, deletes and releases through it.
 *
 * <p>Implementations are thread-safe. A store that cannot be reached (or refuses the credentials)
 * is thrown as {@link org.thinkqueue.ConnectionException}, transient or not; a store that was
 * reached and refused the data (a constraint, a value out of range, a wrong key type) as {@link
 * org.thinkqueue.QueueDataException}, never as a connection failure. Messages carry no payload
 * content and no credentials. Every method below may throw either; they are not repeated per
 * method. Optional capabilities are separate interfaces the worker and the producer API check for:
 * {@link AwaitsWork}, {@link ExtendsReservations}, {@link RestartSignal}, {@link
 * TransactionalPush}, {@link UniquePush} (whose connectors also free a unique job's key when they
 * delete it), {@link TransactionalUniquePush}, {@link AtomicPush}, {@link Reschedules}.
 *
 * <p>Inputs arrive validated: queue names match {@code [A-Za-z0-9_.:{}-]{1,255}}, delays are zero
 * or positive and due no later than {@link org.thinkqueue.QueueConnection#LATEST_DUE_TIME},
 * payloads are think-queue JSON.
 */
public interface Connector extends AutoCloseable {
  /**
   * The shortest reservation timeout every connector accepts. think-queue keeps reservation times
   * in whole seconds, so a lease on such a store lasts {@code retryAfter} minus up to one second;
   * two seconds leave a lease the worker can extend in time. Connectors refuse a shorter {@code
   * retryAfter} with a {@link org.thinkqueue.ConfigurationException}.
   */
  Duration MIN_RETRY_AFTER = Duration.ofSeconds(2);

  /**
   * The data layout this connector reads and writes.
   *
   * @return the wire format; the same for the connector's lifetime
   */
  WireFormat wireFormat();

  /**
   * True if payloads carry {@code id} and {@code attempts} fields (Redis, memory), false if the
   * store keeps them outside the payload (database rows).
   *
   * @return whether the producer writes {@code id} and {@code attempts} into payloads
   */
  boolean payloadCarriesIdAndAttempts();

  /**
   * Stores a complete payload, available after {@code delay}.
   *
   * @param queue the queue
   * @param payload the complete payload, as it is to be stored
   * @param delay time until the job is due; {@link Duration#ZERO} for now
   * @return the job id (the payload's {@code id}, or the row id)
   */
  String pushRaw(String queue, String payload, Duration delay);

  /**
   * Stores several payloads available now, in order, as few round trips as the store allows. The
   * default pushes them one by one.
   *
   * @param queue the queue
   * @param payloads the complete payloads, not empty
   * @return the job ids, in order
   */
  default List<String> bulkRaw(String queue, List<String> payloads) {
    return payloads.stream().map(p -> pushRaw(queue, p, Duration.ZERO)).toList();
  }

  /**
   * Reserves up to {@code max} available jobs of {@code queue}, oldest first, each invisible to
   * other pops until it is deleted, released or its reservation expires. Moves due delayed jobs and
   * expired reservations back first.
   *
   * @param queue the queue
   * @param max the most jobs to reserve, at least 1
   * @return the reserved jobs, possibly empty, never {@code null}
   */
  List<ReservedJob> pop(String queue, int max);

  /**
   * Removes a reservation's job for good. Deleting a reservation that already expired and went back
   * is a no-op.
   *
   * @param job a reservation this connector handed out
   */
  void delete(ReservedJob job);

  /**
   * Deletes like {@link #delete} but may return before the write: the future completes when the job
   * is gone, or exceptionally. The worker uses it for the delete after a handler returned, so the
   * thread takes the next job while drivers group-commit the deletes; a delete that fails leaves
   * the job reserved, and it runs again after its reservation expires (at least once). The default
   * deletes on the caller's thread.
   *
   * @param job a reservation this connector handed out
   * @return completes when the job is gone, or exceptionally with the store's error
   */
  default CompletableFuture<Void> deleteAsync(ReservedJob job) {
    try {
      delete(job);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Ends a reservation and makes the job available again after {@code delay}, attempts kept (1.x
   * counts the release as an attempt in the stored payload, per {@link
   * WireFormat#bumpsOnRelease()}). A no-op if the reservation already ended.
   *
   * @param job a reservation this connector handed out
   * @param delay time until the job is due again; {@link Duration#ZERO} for now
   */
  void release(ReservedJob job, Duration delay);

  /**
   * Ready, delayed and reserved counts of {@code queue}.
   *
   * @param queue the queue
   * @return the counts
   */
  QueueSize size(String queue);

  /**
   * The reservation timeout: think-queue's {@code retry_after}/{@code expire}, checked with {@link
   * RetryAfter}.
   *
   * @return the timeout, or {@code null} if reservations never expire
   */
  Duration retryAfter();

  /**
   * The failed-job store a {@link org.thinkqueue.QueueManager} uses when this connector is its
   * default connection and no store was configured: the driver's own persistent store (Redis: a
   * {@code RedisFailedJobStore} on the same client; JDBC: the {@code failed_jobs} table), so failed
   * jobs outlive a restart without configuration. The memory connector answers a store in memory.
   * Empty (the default) makes the manager keep failed jobs in memory and warn that they are lost at
   * restart. Called once per manager; each call may return a new store object.
   *
   * @return the driver's own store, or empty
   */
  default Optional<FailedJobStore> defaultFailedJobStore() {
    return Optional.empty();
  }

  /** Releases the driver's resources. Idempotent. */
  @Override
  void close();
}
