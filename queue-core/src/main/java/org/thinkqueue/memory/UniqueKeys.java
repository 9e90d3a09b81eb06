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
package org.thinkqueue.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * The unique keys of a memory store: per queue, key to the id of the job holding it and when the
 * hold ends ({@code uniqueFor}). Not thread-safe: used under the store's lock.
 */
final class UniqueKeys {
  private record Hold(String jobId, long expiresAtMillis) {}

  private final Map<String, Map<String, Hold>> queues = new HashMap<>();

  /** The id of the job holding {@code key} on {@code queue} at {@code now}, or null. */
  String holder(String queue, String key, long now) {
    Map<String, Hold> keys = queues.get(queue);
    Hold hold = keys == null ? null : keys.get(key);
    if (hold == null) {
      return null;
    }
    if (hold.expiresAtMillis() <= now) {
      keys.remove(key);
      return null;
    }
    return hold.jobId();
  }

  void take(String queue, String key, String jobId, long expiresAtMillis) {
    queues.computeIfAbsent(queue, q -> new HashMap<>()).put(key, new Hold(jobId, expiresAtMillis));
  }

  /** Frees {@code key} if job {@code jobId} holds it. */
  void release(String queue, String key, String jobId) {
    Map<String, Hold> keys = queues.get(queue);
    Hold hold = keys == null ? null : keys.get(key);
    if (hold != null && hold.jobId().equals(jobId)) {
      keys.remove(key);
      if (keys.isEmpty()) {
        queues.remove(queue);
      }
    }
  }

  void clear() {
    queues.clear();
  }
}
