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
package org.thinkqueue.event;

import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls listeners in order, logging and swallowing what they throw (a VM error other than stack
 * overflow escapes).
 */
public final class WorkerListeners {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerListeners.class);

  private final List<WorkerListener> listeners;

  /**
   * A composite of {@code listeners}, copied.
   *
   * @param listeners the listeners, in calling order
   */
  public WorkerListeners(List<WorkerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /**
   * True when there is no listener (callers may skip building events).
   *
   * @return whether the composite is empty
   */
  public boolean isEmpty() {
    return listeners.isEmpty();
  }

  /**
   * Calls {@code call} for each listener with {@code event} on the calling thread.
   *
   * @param event the event
   * @param call the listener method, e.g. {@code WorkerListener::onJobFailed}
   * @param <E> the event type
   */
  public <E> void fire(E event, BiConsumer<WorkerListener, E> call) {
    for (int i = 0, n = listeners.size(); i < n; i++) {
      WorkerListener l = listeners.get(i);
      try {
        call.accept(l, event);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw (VirtualMachineError) e;
        }
        LOG.warn(
            "Listener {} threw on {}; ignored",
            l.getClass().getName(),
            event.getClass().getSimpleName(),
            e);
      }
    }
  }
}
