package org.thinkqueue.spi;

import java.time.Duration;
import java.util.List;

/** Capability: an idle worker can wait for new work instead of polling. */
public interface AwaitsWork {
  /**
   * Blocks until a job may be available on one of {@code queues} (pushed, or a delayed job came due), or
   * {@code timeout} passed. Spurious returns are allowed; the worker pops after each return. Called on the worker's
   * poll thread.
   *
   * @param queues the queues the worker serves, in priority order
   * @param timeout the longest wait
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  void awaitWork(List<String> queues, Duration timeout) throws InterruptedException;
}
