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

import java.util.List;
import java.util.Optional;
import org.thinkqueue.FailedJob;

/**
 * Where jobs that failed for good are kept, with their error (think-queue's failer).
 * Implementations are thread-safe and never drop a record silently: a failing {@link #record}
 * throws, and the worker keeps the job.
 */
public interface FailedJobStore {
  /**
   * Stores a failed job. Called by the worker before it deletes the job, so a record that cannot be
   * written keeps the job.
   *
   * @param connection the name of the connection the job ran on
   * @param queue the queue it was reserved from
   * @param payload the job's raw body as reserved
   * @param exception the error with its stack trace
   * @return the new record's id
   */
  String record(String connection, String queue, String payload, String exception);

  /**
   * Records, newest first.
   *
   * @param offset how many of the newest to skip, 0 or more
   * @param limit the most to return, 0 or more
   * @return the records, possibly empty
   */
  List<FailedJob> list(int offset, int limit);

  /**
   * A record by id.
   *
   * @param id the record's id; an id this store never issued finds nothing
   * @return the record, or empty
   */
  Optional<FailedJob> find(String id);

  /**
   * Removes a record.
   *
   * @param id the record's id
   * @return true if a record was removed
   */
  boolean forget(String id);

  /** Removes every record. */
  void flush();

  /**
   * Counts the records.
   *
   * @return the number of records
   */
  long count();

  /**
   * Whether records survive a restart of this JVM. {@code QueueManager} prefers a persistent store
   * when it chooses the default one among its connections.
   *
   * @return true unless the store keeps its records only in memory
   */
  default boolean persistent() {
    return true;
  }
}
