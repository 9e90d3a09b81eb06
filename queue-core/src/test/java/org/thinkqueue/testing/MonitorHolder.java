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
package org.thinkqueue.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Holds an object's monitor on another (daemon) thread until closed: a test hands it the {@code
 * Job} a handler got, to show the driver never synchronizes on what it hands to user code.
 */
public final class MonitorHolder implements AutoCloseable {
  private final CountDownLatch unlock = new CountDownLatch(1);

  private MonitorHolder() {}

  /** Locks {@code target} on a new thread and returns once that thread holds the monitor. */
  public static MonitorHolder lock(Object target) throws InterruptedException {
    MonitorHolder h = new MonitorHolder();
    CountDownLatch locked = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              synchronized (target) {
                locked.countDown();
                try {
                  h.unlock.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "monitor-holder");
    holder.setDaemon(true);
    holder.start();
    locked.await();
    return h;
  }

  /** Lets the monitor go. Idempotent. */
  @Override
  public void close() {
    unlock.countDown();
  }
}
