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
package org.thinkqueue.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;

/**
 * Where the poll thread waits: for new work (the connector's {@link AwaitsWork}, or a sleep), after
 * a failed poll, or for a free job slot. A stop wakes it: {@link #wake()} interrupts the thread
 * registered as idle, and leaving the wait clears that interrupt, so only a stop (never a stray
 * interrupt) is swallowed.
 */
final class IdleWaiter {
  private final Lifecycle lifecycle;
  private final Connector connector;
  private final List<String> queues;
  private final Object lock = new Object();
  private Thread idleThread;

  IdleWaiter(Lifecycle lifecycle, Connector connector, List<String> queues) {
    this.lifecycle = lifecycle;
    this.connector = connector;
    this.queues = queues;
  }

  /**
   * Waits up to {@code wait} for new work ({@code plainSleep}: just sleeps), returning early on
   * stop.
   */
  void await(Duration wait, boolean plainSleep) {
    if (wait.isZero() || wait.isNegative() || !enter()) {
      return;
    }
    try {
      if (!plainSleep && connector instanceof AwaitsWork aw) {
        aw.awaitWork(queues, wait);
      } else {
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      // stop() interrupts an idle poll thread (leave() clears that); any other interrupt ends the
      // loop
      Thread.currentThread().interrupt();
    } finally {
      leave();
    }
  }

  /**
   * Waits up to {@code millis} for one permit of {@code slots}; true if acquired. Returns early on
   * stop.
   */
  boolean acquire(Semaphore slots, long millis) {
    if (!enter()) {
      return false;
    }
    try {
      return slots.tryAcquire(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      leave();
    }
  }

  /** Wakes the poll thread if it waits here. Call after the lifecycle records the stop. */
  void wake() {
    synchronized (lock) {
      if (idleThread != null) {
        idleThread.interrupt();
      }
    }
  }

  private boolean enter() {
    synchronized (lock) {
      if (lifecycle.isStopping()) {
        return false;
      }
      idleThread = Thread.currentThread();
      return true;
    }
  }

  private void leave() {
    synchronized (lock) {
      idleThread = null;
      if (lifecycle.isStopping()) {
        Thread.interrupted();
      }
    }
  }
}
