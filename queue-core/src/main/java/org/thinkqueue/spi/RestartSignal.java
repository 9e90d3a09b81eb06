package org.thinkqueue.spi;

import java.util.Optional;

/**
 * Capability: think-queue's {@code queue:restart} signal, a timestamp under {@code think:queue:restart}. A worker
 * reads it at start and stops gracefully when it changes.
 */
public interface RestartSignal {
  /**
   * The current signal value.
   *
   * @return the value, empty if none was ever set
   */
  Optional<String> lastRestart();

  /** Sets the signal to the current Unix time, asking every worker to stop after its current jobs. */
  void signalRestart();
}
