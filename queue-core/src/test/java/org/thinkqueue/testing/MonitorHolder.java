package org.thinkqueue.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Holds an object's monitor on another (daemon) thread until closed: a test hands it the {@code Job} a handler got,
 * to show the driver never synchronizes on what it hands to user code.
 */
public final class MonitorHolder implements AutoCloseable {
  private final CountDownLatch unlock = new CountDownLatch(1);

  private MonitorHolder() {}

  /** Locks {@code target} on a new thread and returns once that thread holds the monitor. */
  public static MonitorHolder lock(Object target) throws InterruptedException {
    MonitorHolder h = new MonitorHolder();
    CountDownLatch locked = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      synchronized (target) {
        locked.countDown();
        try {
          h.unlock.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "monitor-holder");
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
