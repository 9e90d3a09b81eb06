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
 * Recorded when a job comes back (usually after its reservation expired) with more attempts than
 * its maximum tries. The message is think-queue's own.
 */
public final class MaxAttemptsExceededException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A job attempted too often.
   *
   * @param jobName the job's name
   */
  public MaxAttemptsExceededException(String jobName) {
    super(
        jobName
            + " has been attempted too many times or run too long. The job may have previously timed out.");
  }
}
