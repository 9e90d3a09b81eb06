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
package org.thinkqueue.event;

/**
 * Observes a worker (and the sync driver). Every method has a no-op default. Methods are called on
 * the worker's threads (named below), in the order listeners were added; they must be fast and
 * thread-safe, and should not throw: an exception is logged and ignored. A listener may call the
 * worker's {@code stop} or {@code close}: from a worker thread these only request the stop.
 */
public interface WorkerListener {
  /**
   * The worker polls now (once per worker), on its poll thread ({@code queue-poll-N}, or the thread
   * that called {@code run()}).
   *
   * @param event the connection and queues
   */
  default void onWorkerStarted(WorkerStarted event) {}

  /**
   * An attempt begins, on the job thread that runs it (on the sync driver: the pushing thread),
   * before the max-attempts check and the handler.
   *
   * @param event the job
   */
  default void onJobProcessing(JobProcessing event) {}

  /**
   * A handler returned normally, on its job thread (sync: the pushing thread), after {@link
   * #onJobProcessing}.
   *
   * @param event the job and the handler's run time
   */
  default void onJobProcessed(JobProcessed event) {}

  /**
   * A handler threw or timed out, on its job thread, or on a watchdog thread ({@code
   * queue-watchdog-N}) for a handler that ignored its timeout's interrupt; before the job is
   * released.
   *
   * @param event the job and the exception
   */
  default void onJobExceptionOccurred(JobExceptionOccurred event) {}

  /**
   * A job failed for good, after its record was written and it was deleted and its handler's {@code
   * failed} ran; on the job thread (or the thread of a handler that called {@code job.fail}), a
   * watchdog thread for an abandoned job, or the pushing thread on the sync driver.
   *
   * @param event the job and the cause
   */
  default void onJobFailed(JobFailed event) {}

  /**
   * The worker released a job, after the release was written: on the job thread after an exception,
   * a watchdog thread for an abandoned job, or the stopping poll thread for a job that outlived the
   * stop grace.
   *
   * @param event the job and the delay
   */
  default void onJobReleased(JobReleased event) {}

  /**
   * A handler or a middleware snoozed its job ({@code job.snooze}), after the store took it back;
   * on the thread that called {@code snooze} (a job thread).
   *
   * @param event the job, the delay and whether the attempt was given back
   */
  default void onJobSnoozed(JobSnoozed event) {}

  /**
   * The worker stops (once), on its poll thread, after running jobs finished or were released.
   *
   * @param event the exit status
   */
  default void onWorkerStopping(WorkerStopping event) {}
}
