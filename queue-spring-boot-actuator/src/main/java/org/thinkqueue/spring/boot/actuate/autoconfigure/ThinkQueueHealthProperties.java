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
package org.thinkqueue.spring.boot.actuate.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.thinkqueue.spring.boot.actuate.QueueHealthCheck;

/** {@code think-queue.health.*}: when the think-queue health components are down. */
@ConfigurationProperties("think-queue.health")
public class ThinkQueueHealthProperties {
  private long failedJobsThreshold = QueueHealthCheck.NO_THRESHOLD;
  private Duration timeout = QueueHealthCheck.DEFAULT_TIMEOUT;

  /** Defaults: no threshold, 5 s per check. */
  public ThinkQueueHealthProperties() {}

  /**
   * The most failed jobs that are still healthy: with more, the {@code failedJobs} component is
   * DOWN. Default -1: the count is shown but never judged.
   *
   * @return 0 or more, or -1 for none
   */
  public long getFailedJobsThreshold() {
    return failedJobsThreshold;
  }

  /**
   * Sets the failed-jobs threshold.
   *
   * @param failedJobsThreshold 0 or more, or -1 (any negative value) for none
   */
  public void setFailedJobsThreshold(long failedJobsThreshold) {
    this.failedJobsThreshold = failedJobsThreshold;
  }

  /**
   * How long one component's check may take before it is DOWN (default 5 s).
   *
   * @return the timeout
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets how long one component's check may take.
   *
   * @param timeout a positive duration
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
