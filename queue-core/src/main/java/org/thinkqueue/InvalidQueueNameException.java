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

/** A queue name outside {@code [A-Za-z0-9_.:{}-]{1,255}}. */
public final class InvalidQueueNameException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The refused name, possibly {@code null}. */
  private final String queue;

  /**
   * A refused queue name.
   *
   * @param queue the name, possibly {@code null}
   */
  public InvalidQueueNameException(String queue) {
    super(
        "Invalid queue name "
            + (queue == null ? "null" : "'" + queue + "'")
            + ": it must match [A-Za-z0-9_.:{}-]{1,255}");
    this.queue = queue;
  }

  /**
   * The refused name.
   *
   * @return the name, possibly {@code null}
   */
  public String queue() {
    return queue;
  }
}
