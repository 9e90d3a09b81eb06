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

import java.util.List;
import java.util.Optional;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.spi.FailedJobStore;

/**
 * Failed jobs of a {@link QueueManager}: think-queue's {@code queue:failed}, {@code queue:retry},
 * {@code queue:forget} and {@code queue:flush}. Thread-safe.
 */
public final class FailedJobs {
  private final QueueManager manager;
  private final FailedJobStore store;

  FailedJobs(QueueManager manager, FailedJobStore store) {
    this.manager = manager;
    this.store = store;
  }

  /**
   * The store behind this view. For tools and driver authors; applications use the methods of this
   * class.
   *
   * @return the store
   */
  public FailedJobStore store() {
    return store;
  }

  /**
   * Records, newest first.
   *
   * @param offset how many of the newest to skip, 0 or more
   * @param limit the most to return, 0 or more
   * @return the records, possibly empty
   * @throws IllegalArgumentException if {@code offset} or {@code limit} is negative
   * @throws ConnectionException if the store cannot be reached
   */
  public List<FailedJob> list(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must not be negative: " + offset + ", " + limit);
    }
    return store.list(offset, limit);
  }

  /**
   * A record by id.
   *
   * @param id the record's id, as {@link FailedJob#id()}
   * @return the record, or empty if there is none with that id
   * @throws ConnectionException if the store cannot be reached
   */
  public Optional<FailedJob> find(String id) {
    return store.find(id);
  }

  /**
   * Counts the records.
   *
   * @return the number of failed jobs kept
   * @throws ConnectionException if the store cannot be reached
   */
  public long count() {
    return store.count();
  }

  /**
   * Pushes a failed job's original payload back onto its connection and queue with attempts reset
   * (as think-queue's {@code queue:retry}), then forgets the record. The push size limit ({@link
   * QueueManager.Builder#maxPayloadBytes}) does not apply: the payload was accepted once (perhaps
   * from a PHP producer, which has no limit) and a retry must not strand it. A payload over a
   * worker's read limit is failed again by that worker, with its size.
   *
   * @param id the record's id, as {@link FailedJob#id()}
   * @return the new job id, or empty if there is no record with that id
   * @throws ConfigurationException if the record names a connection this manager does not have
   * @throws PayloadException if the recorded payload is not a JSON object with a job name (the
   *     record is kept)
   * @throws InvalidQueueNameException if the record's queue name is not valid (the record is kept)
   * @throws ConnectionException if the store or the job's connection cannot be reached
   * @throws QueueDataException if the job's connection refused the push (the record is kept)
   */
  public Optional<String> retry(String id) {
    Optional<FailedJob> found = store.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    FailedJob job = found.get();
    QueueConnection connection = manager.connection(job.connection());
    String payload = job.payload();
    PayloadCodec codec = PayloadCodec.shared();
    if (codec.attemptsOf(payload).isPresent()) {
      payload = codec.withAttempts(payload, connection.connector().wireFormat().initialAttempts());
    }
    String newId = connection.requeue(payload, job.queue());
    store.forget(id);
    return Optional.of(newId);
  }

  /**
   * Removes a record: think-queue's {@code queue:forget}.
   *
   * @param id the record's id, as {@link FailedJob#id()}
   * @return true if a record was removed
   * @throws ConnectionException if the store cannot be reached
   */
  public boolean forget(String id) {
    return store.forget(id);
  }

  /**
   * Removes every record: think-queue's {@code queue:flush}.
   *
   * @throws ConnectionException if the store cannot be reached
   */
  public void flush() {
    store.flush();
  }
}
