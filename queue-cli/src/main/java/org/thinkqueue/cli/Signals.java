package org.thinkqueue.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM/SIGINT for {@code work} and {@code listen}: the first signal runs a graceful stop, a second one a
 * stop at once. JVM shutdown hooks can't tell the two apart (the JVM ignores a second signal while it shuts down), so
 * this uses {@code sun.misc.Signal} from {@code jdk.unsupported}, which every JDK 17+ ships.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** Undoes a registration. */
  interface Registration {
    Registration NONE = () -> { };

    void restore();
  }

  static Registration onTerminate(Runnable graceful, Runnable immediate) {
    AtomicInteger count = new AtomicInteger();
    SignalHandler handler = sig -> {
      int n = count.incrementAndGet();
      Runnable action = n == 1 ? graceful : immediate;
      LOG.info("Received SIG{}: {}", sig.getName(), n == 1 ? "stopping after running jobs (send again to stop now)"
          : "stopping now, releasing running jobs");
      Thread t = new Thread(action, "queue-signal-" + n);
      t.setDaemon(true);
      t.start();
    };
    List<Runnable> restores = new ArrayList<>();
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, handler);
        restores.add(() -> Signal.handle(signal, previous));
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
      }
    }
    return () -> restores.forEach(Runnable::run);
  }
}
