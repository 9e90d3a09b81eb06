package org.thinkqueue.event;

import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners, logging and swallowing what they throw. */
public final class WorkerListeners {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerListeners.class);

  private final List<WorkerListener> listeners;

  public WorkerListeners(List<WorkerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public boolean isEmpty() {
    return listeners.isEmpty();
  }

  public <E> void fire(E event, BiConsumer<WorkerListener, E> call) {
    for (int i = 0, n = listeners.size(); i < n; i++) {
      WorkerListener l = listeners.get(i);
      try {
        call.accept(l, event);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw (VirtualMachineError) e;
        }
        LOG.warn("Listener {} threw on {}; ignored", l.getClass().getName(), event.getClass().getSimpleName(), e);
      }
    }
  }
}
