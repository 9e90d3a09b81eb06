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

/**
 * Per-job settings written into a 3.x payload, where PHP and Java workers both honour them: {@code
 * maxTries} overrides the worker's tries, {@code timeout} its timeout. Ignored for the 1.x wire
 * format, which has no such fields. Immutable.
 */
public final class JobOptions {
  /** No per-job settings: the worker's apply. */
  public static final JobOptions DEFAULT = new JobOptions(null, null);

  private final Integer maxTries;
  private final Integer timeoutSeconds;

  private JobOptions(Integer maxTries, Integer timeoutSeconds) {
    this.maxTries = maxTries;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Options with only a maximum of tries.
   *
   * @param maxTries total attempts, at least 0 (0 = retry forever)
   * @return the options
   * @throws ConfigurationException if {@code maxTries} is negative
   */
  public static JobOptions maxTries(int maxTries) {
    return DEFAULT.withMaxTries(maxTries);
  }

  /**
   * A copy with a maximum of tries.
   *
   * @param maxTries total attempts, at least 0 (0 = retry forever)
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code maxTries} is negative
   */
  public JobOptions withMaxTries(int maxTries) {
    if (maxTries < 0) {
      throw new ConfigurationException("maxTries", maxTries, "must be 0 (forever) or more");
    }
    return new JobOptions(maxTries, timeoutSeconds);
  }

  /**
   * A copy with a timeout, written in whole seconds (fractions are dropped).
   *
   * @param timeout at least 1 second
   * @return the new options; this object is unchanged
   * @throws ConfigurationException if {@code timeout} is {@code null} or below 1 second
   */
  public JobOptions withTimeout(Duration timeout) {
    if (timeout == null || timeout.getSeconds() < 1) {
      throw new ConfigurationException("timeout", timeout, "must be at least 1 second");
    }
    return new JobOptions(maxTries, (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds()));
  }

  /**
   * The maximum of tries written into the payload.
   *
   * @return the tries, or {@code null} when not set (the worker's apply)
   */
  public Integer maxTries() {
    return maxTries;
  }

  /**
   * The timeout written into the payload.
   *
   * @return the timeout in seconds, or {@code null} when not set (the worker's apply)
   */
  public Integer timeoutSeconds() {
    return timeoutSeconds;
  }
}
