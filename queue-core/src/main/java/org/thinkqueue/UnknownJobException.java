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

/** A job name that no handler is registered for, in {@link JobRegistry} nor through an alias. */
public final class UnknownJobException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The name that did not resolve. */
  private final String jobName;

  /**
   * An unknown job name.
   *
   * @param jobName the name that did not resolve (for a class, its binary name)
   */
  public UnknownJobException(String jobName) {
    super(
        "Unknown job name '"
            + jobName
            + "': register a handler for it (or an alias) in the JobRegistry");
    this.jobName = jobName;
  }

  /**
   * The name that did not resolve.
   *
   * @return the job name
   */
  public String jobName() {
    return jobName;
  }
}
