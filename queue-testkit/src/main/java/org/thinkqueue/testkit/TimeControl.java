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
package org.thinkqueue.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a contract suite lets time pass on the store under test. A store on the system clock needs
 * real time to pass, so {@link #sleeping()} sleeps; a store that reads an injected {@link
 * MutableClock} lets the suite move that clock instead ({@link #of(MutableClock)}), and its
 * time-dependent tests then take no wall-clock time at all.
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeControl {
  /**
   * Lets {@code d} pass on the store's clock. Restores the interrupt flag and throws if
   * interrupted.
   *
   * @param d how much time passes, zero or more
   * @throws IllegalStateException if the thread is interrupted while real time passes
   */
  void advance(Duration d);

  /**
   * Now on the store's clock.
   *
   * @return the current instant as the store sees it
   */
  Instant now();

  /**
   * Real time: {@link #advance} sleeps. For stores that keep time themselves (a database, Redis).
   *
   * @return the shared real-time control
   */
  static TimeControl sleeping() {
    return SleepingTimeControl.INSTANCE;
  }

  /**
   * Time on {@code clock}: {@link #advance} moves it and returns at once.
   *
   * @param clock the clock the store under test reads
   * @return a control that moves {@code clock}
   */
  static TimeControl of(MutableClock clock) {
    Objects.requireNonNull(clock, "clock");
    return new TimeControl() {
      @Override
      public void advance(Duration d) {
        clock.advance(d);
      }

      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public String toString() {
        return "TimeControl.of(" + clock.instant() + ")";
      }
    };
  }
}
