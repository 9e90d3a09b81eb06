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
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;

/**
 * Capability: idempotent pushes by a caller's key (unique jobs, {@link
 * org.thinkqueue.JobOptions#withUniqueKey}). While a job pushed with a key exists on a queue
 * (ready, delayed or reserved), another push of that key to that queue writes nothing and answers
 * the existing job's id. The check and the write are one atomic step on the store (a Lua script, a
 * database transaction, a lock in memory), so concurrent pushes of one key from any number of
 * threads and machines write one job.
 *
 * <p>Keys are per queue. The payload of a unique job carries the top-level fields {@value
 * #KEY_FIELD} and {@value #UNTIL_FIELD} ({@value #UNTIL_PROCESSED} or {@value #UNTIL_PROCESSING});
 * a connector with this capability reads {@value #KEY_FIELD} when it deletes a job and, in the same
 * atomic step where the store allows, frees the key if that job holds it (compare-and-delete by job
 * id: a job that no longer holds its key, e.g. one re-pushed from the failed-job store, frees
 * nothing). Plain payloads (without {@value #KEY_FIELD}) are deleted as before. A worker frees the
 * key of a {@value #UNTIL_PROCESSING} job with {@link #releaseUnique} when an attempt starts.
 *
 * <p>Implementations are thread-safe.
 */
public interface UniquePush {
  /** The top-level payload field with a unique job's key. */
  String KEY_FIELD = "uniqueKey";

  /** The top-level payload field saying until when the key is held. */
  String UNTIL_FIELD = "uniqueUntil";

  /** {@value #UNTIL_FIELD}: until the job is deleted, however it ends. */
  String UNTIL_PROCESSED = "processed";

  /** {@value #UNTIL_FIELD}: until a worker starts an attempt. */
  String UNTIL_PROCESSING = "processing";

  /**
   * Stores a complete payload unless a job holding {@code uniqueKey} exists on {@code queue}, in
   * one atomic step; a job written holds the key from now on.
   *
   * @param queue the queue; the key is taken on this queue only
   * @param payload the complete payload, carrying {@value #KEY_FIELD} = {@code uniqueKey}
   * @param delay time until the job is due; {@link Duration#ZERO} for now
   * @param uniqueKey the key, 1 to 255 characters
   * @param lockFor the longest the key is held, measured from now (the job may outlive it), or
   *     {@code null} for as long as the job exists
   * @return the id of the job written, or of the job that holds the key
   * @throws org.thinkqueue.ConnectionException if the store cannot be reached
   * @throws org.thinkqueue.QueueDataException if the store refused the write
   * @throws org.thinkqueue.ConfigurationException if the store lacks what unique pushes need (a
   *     table, a Cluster hash slot), naming it
   */
  Pushed pushUnique(
      String queue, String payload, Duration delay, String uniqueKey, Duration lockFor);

  /**
   * Frees {@code uniqueKey} on {@code queue} if job {@code jobId} holds it (compare-and-delete), so
   * a newer job holding the key keeps it. Idempotent.
   *
   * @param queue the queue
   * @param uniqueKey the key
   * @param jobId the job's id, as {@link ReservedJob#id()}
   * @throws org.thinkqueue.ConnectionException if the store cannot be reached
   */
  void releaseUnique(String queue, String uniqueKey, String jobId);

  /**
   * The outcome of {@link #pushUnique}.
   *
   * @param id the job id: of the job written, or of the job holding the key
   * @param written true if this push wrote the job; false if the key was held and nothing was
   *     written. A push that a transaction-aware connector defers until its transaction commits
   *     answers true and the id the payload carries: the check runs at the commit, and if the key
   *     is held then, nothing is written and that id names no job.
   */
  record Pushed(String id, boolean written) {}

  /**
   * The top-level {@value #KEY_FIELD} of a raw payload, read without parsing a payload that does
   * not mention the field (the common case), so a delete of a plain job costs one scan.
   *
   * @param rawBody a payload as stored, or {@code null}
   * @return the key, or {@code null} if the payload has none or cannot be read
   */
  static String keyOf(String rawBody) {
    if (rawBody == null || !rawBody.contains("\"" + KEY_FIELD + "\"")) {
      return null;
    }
    try {
      return Payload.parse(rawBody).stringField(KEY_FIELD).filter(k -> !k.isEmpty()).orElse(null);
    } catch (PayloadException e) {
      return null;
    }
  }

  /**
   * The key a worker frees when an attempt of this job starts.
   *
   * @param payload a decoded payload
   * @return its {@value #KEY_FIELD} if its {@value #UNTIL_FIELD} is {@value #UNTIL_PROCESSING},
   *     else {@code null}
   */
  static String keyReleasedAtStart(Payload payload) {
    if (!payload.stringField(UNTIL_FIELD).filter(UNTIL_PROCESSING::equals).isPresent()) {
      return null;
    }
    return payload.stringField(KEY_FIELD).filter(k -> !k.isEmpty()).orElse(null);
  }
}
