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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting on MariaDB and H2 (and PostgreSQL without notifications): until a job is due, a connector
 * of this JVM pushed to the table, or the timeout. Pushes of other processes are seen by polling:
 * fast while jobs flow, backing off to {@link #MAX_POLL_INTERVAL} when idle.
 */
final class PollingWaiter implements WorkWaiter {
  private static final long MIN_POLL_MS = 10;

  private final DueTime due;
  private final LocalWake localWake;
  private final AtomicInteger idleStreak = new AtomicInteger();

  PollingWaiter(DueTime due, LocalWake localWake) {
    this.due = due;
    this.localWake = localWake;
  }

  @Override
  public void await(List<String> queues, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = localWake.generation();
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      long waitMs = Math.min(left, due.millisUntilDue(queues));
      if (waitMs <= 0) {
        return;
      }
      int streak = idleStreak.getAndIncrement();
      long poll =
          Math.min(
              waitMs, Math.min(MAX_POLL_INTERVAL.toMillis(), MIN_POLL_MS << Math.min(streak, 10)));
      localWake.awaitAfter(seen, Math.max(1, poll));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  @Override
  public void active() {
    idleStreak.set(0);
  }
}
