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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.thinkqueue.internal.QueueNames;

/** The subscriptions of a {@link JobRegistry}: per event, its subscribers in declaration order. */
final class Subscriptions {
  private final Map<String, List<Subscription>> byEvent = new ConcurrentHashMap<>();

  void add(String event, String job, String queue, Duration delay) {
    requireEvent(event);
    JobRegistry.requireName(job);
    if (queue != null) {
      QueueNames.require(queue);
    }
    QueueConnection.checkDelay(delay);
    Subscription s = new Subscription(event, job, queue, delay);
    byEvent.compute(
        event,
        (e, list) -> {
          List<Subscription> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
          for (Subscription existing : next) {
            if (existing.job().equals(job) && java.util.Objects.equals(existing.queue(), queue)) {
              throw new IllegalArgumentException(
                  "Job '"
                      + job
                      + "' on "
                      + (queue == null ? "the default queue" : "queue '" + queue + "'")
                      + " already subscribes to event '"
                      + event
                      + "'");
            }
          }
          next.add(s);
          return List.copyOf(next);
        });
  }

  List<Subscription> of(String event) {
    return byEvent.getOrDefault(event, List.of());
  }

  SortedMap<String, List<Subscription>> all() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(byEvent));
  }

  static void requireEvent(String event) {
    if (event == null || event.isBlank()) {
      throw new IllegalArgumentException(
          "Event name must not be null or blank, was "
              + (event == null ? "null" : "'" + event + "'"));
    }
  }
}
