package org.thinkqueue.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker's lifecycle, one state changed by compare-and-set only: NEW → RUNNING → STOPPING → TERMINATED, or NEW →
 * TERMINATED for a worker stopped before it ran. Thread-safe.
 */
final class Lifecycle {
  enum State {
    NEW,
    RUNNING,
    STOPPING,
    TERMINATED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch terminated = new CountDownLatch(1);

  /**
   * NEW → RUNNING, on the caller's thread.
   *
   * @throws IllegalStateException if the worker ran, runs or was stopped already
   */
  void begin() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("A Worker runs once; this one is " + state.get().name().toLowerCase(
          java.util.Locale.ROOT));
    }
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
