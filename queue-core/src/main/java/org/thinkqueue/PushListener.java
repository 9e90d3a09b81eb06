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

/**
 * Producer-side (client) middleware: observes and stamps pushes on a {@link
 * org.thinkqueue.QueueManager} (registered with {@code QueueManager.Builder.pushListener}), as
 * Sidekiq's client middleware does: metrics, and context carried in the payload as extra top-level
 * fields ({@link OutgoingJob#putField}), e.g. trace context or a tenant id, which a worker's {@link
 * JobMiddleware} reads back with {@code job.payload().stringField(name)}. Fields are written
 * whatever {@link JobOptions} the push has (after {@code data}, and after think-queue's own fields
 * such as {@code timeoutAt}). Every method has a no-op default and is called on the pushing thread,
 * in the order listeners were added; they must be fast and thread-safe, and should not throw: an
 * exception is logged and ignored, and the push goes on.
 *
 * <p>For each job of a push, {@link #onPushing} comes first, then exactly one of {@link #onPushed}
 * or {@link #onPushFailed}, with the same {@link OutgoingJob}. A push refused before that (a blank
 * job name, an invalid queue name or delay, an unknown job) reaches no listener. {@code pushRaw}
 * and a failed job's retry write a payload as given and reach no listener either. A bulk push, and
 * a publish (one job per subscriber), call {@link #onPushing} for each job, then the outcome for
 * each.
 */
public interface PushListener {
  /**
   * A job is about to be encoded and written. The listener may add top-level string fields to its
   * payload with {@link OutgoingJob#putField}.
   *
   * @param job the job being pushed
   */
  default void onPushing(OutgoingJob job) {}

  /**
   * The store accepted the job.
   *
   * @param job the job, as given to {@link #onPushing}
   * @param id the job id the push returned
   */
  default void onPushed(OutgoingJob job, String id) {}

  /**
   * Encoding or writing the job failed; the exception is thrown to the caller after the listeners
   * ran.
   *
   * @param job the job, as given to {@link #onPushing}
   * @param error what the push throws
   */
  default void onPushFailed(OutgoingJob job, RuntimeException error) {}
}
