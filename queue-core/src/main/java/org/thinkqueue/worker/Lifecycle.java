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
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker's lifecycle, one state changed by compare-and-set only: NEW → RUNNING → STOPPING →
 * TERMINATED, or NEW → TERMINATED for a worker stopped before it ran; plus what the stop asked for
 * (grace, deadline, exit status). Thread-safe.
 */
final class Lifecycle {
  enum State {
    NEW,
    RUNNING,
    STOPPING,
    TERMINATED
  }

  /** No stop deadline: running jobs are waited for. */
  static final long NO_DEADLINE = Long.MAX_VALUE;

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch terminated = new CountDownLatch(1);

  /**
   * The grace of the stop that set {@link #stopDeadline}; null until {@code stop(grace)} was
   * called.
   */
  private volatile Duration requestedGrace;

  /** When running jobs get released (ticker nanos); a later stop may only bring it forward. */
  private volatile long stopDeadline = NO_DEADLINE;

  /** The exit status a stop condition found inside the worker asks for. */
  private volatile int requestedStatus = Worker.EXIT_OK;

  /**
   * NEW → RUNNING, on the caller's thread.
   *
   * @throws IllegalStateException if the worker ran, runs or was stopped already
   */
  void begin() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "A Worker runs once; this one is " + state.get().name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * {@code stop(grace)}: records the earliest deadline asked for, then asks to stop.
   *
   * @return the state before the call
   */
  State requestStop(Duration grace, long deadlineNanos) {
    synchronized (this) {
      if (stopDeadline == NO_DEADLINE || deadlineNanos - stopDeadline < 0) {
        requestedGrace = grace;
        stopDeadline = deadlineNanos;
      }
    }
    return requestStop();
  }

  /**
   * A stop condition met inside the worker: no grace of its own; a status other than OK is kept.
   */
  void requestStop(int status) {
    if (status != Worker.EXIT_OK) {
      requestedStatus = status;
    }
    requestStop();
  }

  /**
   * Asks to stop: RUNNING → STOPPING, NEW → TERMINATED; no change otherwise.
   *
   * @return the state before the call
   */
  State requestStop() {
    while (true) {
      State s = state.get();
      if (s == State.RUNNING && state.compareAndSet(s, State.STOPPING)) {
        return s;
      }
      if (s == State.NEW && state.compareAndSet(s, State.TERMINATED)) {
        terminated.countDown();
        return s;
      }
      if (s == State.STOPPING || s == State.TERMINATED) {
        return s;
      }
    }
  }

  /** The run is over (or never started): TERMINATED. */
  void terminate() {
    state.set(State.TERMINATED);
    terminated.countDown();
  }

  /** True once a stop was asked for or the worker ended. */
  boolean isStopping() {
    State s = state.get();
    return s == State.STOPPING || s == State.TERMINATED;
  }

  /** True once a {@code stop(Duration.ZERO)} asked for running jobs to be released at once. */
  boolean releasesAtOnce() {
    Duration g = requestedGrace;
    return isStopping() && g != null && g.isZero();
  }

  Duration requestedGrace() {
    return requestedGrace;
  }

  long stopDeadline() {
    return stopDeadline;
  }

  int requestedStatus() {
    return requestedStatus;
  }

  State get() {
    return state.get();
  }

  boolean awaitTerminated(long millis) throws InterruptedException {
    return terminated.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return state.get().toString();
  }
}
