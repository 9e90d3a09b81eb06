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
import java.util.Objects;

/**
 * One payload of an {@link AtomicPush}: where it goes and when it is due.
 *
 * @param queue the queue, a valid queue name
 * @param payload the complete payload, as it is to be stored
 * @param delay time until the job is due; {@link Duration#ZERO} for now
 */
public record RawPush(String queue, String payload, Duration delay) {
  /**
   * Checks that no part is {@code null}.
   *
   * @param queue the queue, a valid queue name
   * @param payload the complete payload, as it is to be stored
   * @param delay time until the job is due; {@link Duration#ZERO} for now
   * @throws NullPointerException if a part is {@code null}
   */
  public RawPush {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(delay, "delay");
  }

  /** Names the queue and the delay; never the payload, which may hold personal data. */
  @Override
  public String toString() {
    return "RawPush{queue=" + queue + ", delay=" + delay + "}";
  }
}
