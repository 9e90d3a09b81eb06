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
import java.util.List;

/** Capability: an idle worker can wait for new work instead of polling. */
public interface AwaitsWork {
  /**
   * Blocks until a job may be available on one of {@code queues} (pushed, or a delayed job came
   * due), or {@code timeout} passed. Spurious returns are allowed; the worker pops after each
   * return. Called on the worker's poll thread.
   *
   * @param queues the queues the worker serves, in priority order
   * @param timeout the longest wait
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  void awaitWork(List<String> queues, Duration timeout) throws InterruptedException;
}
