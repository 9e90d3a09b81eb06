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
 * Counts of one queue: ready now, delayed (due later, including released jobs waiting out their
 * delay) and reserved (being worked on, or held by a dead worker until the reservation expires). A
 * snapshot: other workers and producers change the queue meanwhile.
 *
 * @param ready jobs available now
 * @param delayed jobs due later
 * @param reserved jobs reserved by a worker
 */
public record QueueSize(long ready, long delayed, long reserved) {
  /**
   * All jobs of the queue, as think-queue's {@code size()}.
   *
   * @return ready + delayed + reserved
   */
  public long total() {
    return ready + delayed + reserved;
  }
}
