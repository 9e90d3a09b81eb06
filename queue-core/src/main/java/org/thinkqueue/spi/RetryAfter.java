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
import org.thinkqueue.ConfigurationException;

/**
 * The reservation timeout rule every connector applies: think-queue's {@code retry_after}, 60
 * seconds by default, in whole seconds (PHP and the database tables keep seconds), at least {@link
 * Connector#MIN_RETRY_AFTER}, or {@code null} for reservations that never expire.
 */
public final class RetryAfter {
  /** think-queue's default {@code retry_after}. */
  public static final Duration DEFAULT = Duration.ofSeconds(60);

  private RetryAfter() {}

  /**
   * Returns {@code retryAfter} if it is {@code null} or a whole number of seconds of at least
   * {@link Connector#MIN_RETRY_AFTER}.
   *
   * @param retryAfter the configured reservation timeout, or {@code null} for never
   * @return {@code retryAfter}, unchanged
   * @throws ConfigurationException naming the setting {@code retryAfter} and the refused value
   *     otherwise
   */
  public static Duration check(Duration retryAfter) {
    if (retryAfter == null) {
      return null;
    }
    if (retryAfter.compareTo(Connector.MIN_RETRY_AFTER) < 0) {
      throw new ConfigurationException(
          "retryAfter",
          retryAfter,
          "at least "
              + Connector.MIN_RETRY_AFTER.toSeconds()
              + " s (Connector.MIN_RETRY_AFTER), or null for never");
    }
    if (retryAfter.getNano() != 0) {
      throw new ConfigurationException(
          "retryAfter",
          retryAfter,
          "a whole number of seconds (think-queue keeps reservation times in seconds)");
    }
    return retryAfter;
  }
}
