package org.thinkqueue.jdbc.internal;

import java.time.Duration;
import java.util.List;

/** How an idle worker of one connector waits until a job may be available. Thread-safe. */
public interface WorkWaiter extends AutoCloseable {
  /**
   * The longest an idle worker goes without looking for jobs that producers which do not notify pushed (PHP's
   * think-queue; on MariaDB and H2 any other process).
   */
  Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Returns when a job of {@code queues} may be due, when a push may have added one, or after {@code timeout};
   * spurious returns are allowed.
   */
  void await(List<String> queues, Duration timeout) throws InterruptedException;

  /** A push through this JVM or a reservation found jobs: poll fast again for a while. */
  default void active() {}

  /** Releases what waiting holds (a listening connection). Idempotent. */
  @Override
  default void close() {}
}
