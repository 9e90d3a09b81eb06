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

import java.time.Instant;
import org.thinkqueue.internal.PayloadCodec;

/**
 * A job that failed for good, as kept by the failed-job store (think-queue's {@code failed_jobs}
 * row).
 *
 * <p>Named with think-queue's columns; immutable.
 *
 * @param id the record's id in its store
 * @param connection the name of the connection the job ran on
 * @param queue the queue it was reserved from
 * @param payload the job's raw body as it was reserved
 * @param exception the error, with its stack trace
 * @param failedAt when it failed
 */
public record FailedJob(
    String id,
    String connection,
    String queue,
    String payload,
    String exception,
    Instant failedAt) {
  /**
   * The job name from the payload.
   *
   * @return the name, or {@code "?"} if the payload is not readable
   */
  public String jobName() {
    try {
      return PayloadCodec.shared().decode(payload).job();
    } catch (PayloadException e) {
      return "?";
    }
  }
}
