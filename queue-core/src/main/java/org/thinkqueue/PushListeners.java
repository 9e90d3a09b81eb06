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
package org.thinkqueue;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the push listeners of a manager; a listener that throws is logged and ignored. */
final class PushListeners {
  private static final Logger LOG = LoggerFactory.getLogger(PushListeners.class);

  private final List<PushListener> listeners;

  PushListeners(List<PushListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  void pushing(OutgoingJob job) {
    for (PushListener l : listeners) {
      try {
        l.onPushing(job);
      } catch (RuntimeException e) {
        warn(l, "onPushing", e);
      }
    }
  }

  void pushed(OutgoingJob job, String id) {
    for (PushListener l : listeners) {
      try {
        l.onPushed(job, id);
      } catch (RuntimeException e) {
        warn(l, "onPushed", e);
      }
    }
  }

  void failed(OutgoingJob job, RuntimeException error) {
    for (PushListener l : listeners) {
      try {
        l.onPushFailed(job, error);
      } catch (RuntimeException e) {
        warn(l, "onPushFailed", e);
      }
    }
  }

  private static void warn(PushListener l, String method, RuntimeException e) {
    LOG.warn("Push listener {} threw in {}; ignored", l.getClass().getName(), method, e);
  }
}
