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

/** Recorded when a handler ran past its timeout and was interrupted. */
public final class JobTimeoutException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A handler that ran too long.
   *
   * @param jobName the job whose handler timed out
   * @param timeout the timeout it exceeded
   */
  public JobTimeoutException(String jobName, Duration timeout) {
    super(
        "Job '"
            + jobName
            + "' ran longer than its timeout of "
            + timeout.toMillis()
            + " ms and was interrupted");
  }
}
