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

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code think-queue.actuator.*}: what the {@code thinkqueue} endpoint and the health contributor
 * show.
 */
@ConfigurationProperties("think-queue.actuator")
public class ThinkQueueActuatorProperties {
  private List<String> queues = new ArrayList<>();
  private boolean showPayloads;

  /** Defaults: the manager's default queue, no payloads. */
  public ThinkQueueActuatorProperties() {}

  /**
   * The queues whose sizes the endpoint and the health details show, on every connection.
   *
   * @return the queue names; empty = the manager's default queue
   */
  public List<String> getQueues() {
    return queues;
  }

  /**
   * Sets the queues whose sizes are shown.
   *
   * @param queues the queue names; empty = the manager's default queue
   */
  public void setQueues(List<String> queues) {
    this.queues = queues == null ? new ArrayList<>() : queues;
  }

  /**
   * Whether {@code GET /actuator/thinkqueue/{id}} shows a failed job's payload (default false:
   * payloads may hold personal data, as Spring Boot hides property values by default).
   *
   * @return true to show payloads
   */
  public boolean isShowPayloads() {
    return showPayloads;
  }

  /**
   * Sets whether a failed job's payload is shown.
   *
   * @param showPayloads true to show payloads
   */
  public void setShowPayloads(boolean showPayloads) {
    this.showPayloads = showPayloads;
  }
}
