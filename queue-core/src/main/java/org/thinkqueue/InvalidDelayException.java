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
import java.time.Instant;

/**
 * A push delay that is {@code null}, negative, or whose due time the wire format cannot hold:
 * think-queue keeps due times in whole Unix seconds, and its MySQL schema in an unsigned 32-bit
 * column, so every driver refuses a due time after {@link QueueConnection#LATEST_DUE_TIME} before
 * anything is written.
 */
public final class InvalidDelayException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The refused delay, possibly {@code null}. */
  private final Duration delay;

  /**
   * A refused delay.
   *
   * @param delay the delay, possibly {@code null}
   * @param requirement what a valid delay looks like
   */
  public InvalidDelayException(Duration delay, String requirement) {
    super(
        "Invalid delay "
            + (delay == null ? "null" : delay + " (" + delay.getSeconds() + " s)")
            + ": "
            + requirement);
    this.delay = delay;
  }

  /**
   * A delay whose due time lies after {@code latest}.
   *
   * @param delay the refused delay
   * @param latest the latest due time the store can hold
   * @return the exception, for the caller to throw
   */
  public static InvalidDelayException tooLate(Duration delay, Instant latest) {
    return new InvalidDelayException(
        delay,
        "the due time must not be after "
            + latest
            + " (Unix time "
            + latest.getEpochSecond()
            + ", the largest an unsigned 32-bit column of think-queue's schema holds)");
  }

  /**
   * The refused delay.
   *
   * @return the delay, possibly {@code null}
   */
  public Duration delay() {
    return delay;
  }
}
