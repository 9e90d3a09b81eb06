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
package org.thinkqueue.event;

import java.util.List;

/**
 * Fired once when a worker starts polling: after it logged its settings and read the restart
 * signal's baseline (a restart signalled from now on stops it), before its first reservation.
 *
 * @param connection the name of the connection the worker works
 * @param queues the queues it polls, in priority order
 */
public record WorkerStarted(String connection, List<String> queues) {
  /**
   * Copies {@code queues}.
   *
   * @param connection the name of the connection the worker works
   * @param queues the queues it polls, in priority order
   */
  public WorkerStarted {
    queues = List.copyOf(queues);
  }
}
