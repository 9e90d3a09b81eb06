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
package org.thinkqueue.jdbc.internal;

import java.time.Duration;
import java.util.List;

/** How an idle worker of one connector waits until a job may be available. Thread-safe. */
public interface WorkWaiter extends AutoCloseable {
  /**
   * The longest an idle worker goes without looking for jobs that producers which do not notify
   * pushed (PHP's think-queue; on MariaDB and H2 any other process).
   */
  Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Returns when a job of {@code queues} may be due, when a push may have added one, or after
   * {@code timeout}; spurious returns are allowed.
   */
  void await(List<String> queues, Duration timeout) throws InterruptedException;

  /** A push through this JVM or a reservation found jobs: poll fast again for a while. */
  default void active() {}

  /** Releases what waiting holds (a listening connection). Idempotent. */
  @Override
  default void close() {}
}
