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

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The job threads' queue: one idle job thread at a time spins briefly for the next job before it
 * parks, so a stream of short jobs is not paid for with a park and an unpark per job; the other
 * idle threads park at once.
 */
final class HandOffQueue extends LinkedBlockingQueue<Runnable> {
  /**
   * How long an idle thread spins for work before it parks (system time: this is about the
   * scheduler).
   */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  private static final long serialVersionUID = 1L;
  private final transient AtomicBoolean spinning = new AtomicBoolean();

  @Override
  public Runnable take() throws InterruptedException {
    Runnable r = poll();
    if (r != null) {
      return r;
    }
    if (spinning.compareAndSet(false, true)) {
      try {
        long until = System.nanoTime() + SPIN_NANOS;
        while (System.nanoTime() - until < 0) {
          if ((r = poll()) != null) {
            return r;
          }
          Thread.onSpinWait();
        }
      } finally {
        spinning.set(false);
      }
    }
    return super.take();
  }
}
