package org.thinkqueue.worker;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The job threads' queue: one idle job thread at a time spins briefly for the next job before it parks, so a stream
 * of short jobs is not paid for with a park and an unpark per job; the other idle threads park at once.
 */
final class HandOffQueue extends LinkedBlockingQueue<Runnable> {
  /** How long an idle thread spins for work before it parks (system time: this is about the scheduler). */
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
