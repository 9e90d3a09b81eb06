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

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.TransactionalPush;

/**
 * Publishing an event through one {@link QueueConnection}: one payload per subscriber, each encoded
 * as a push of the subscriber's job name and the event's data would be (push listeners included),
 * all of them validated and encoded before one atomic write.
 */
final class FanOut {
  private FanOut() {}

  /**
   * @param connection the caller's JDBC connection, or {@code null} to write on one of the driver's
   *     own (or the transaction a {@code ConnectionJoiner} finds)
   */
  static List<String> publish(
      QueueConnection via, Connection connection, String event, Object data) {
    Subscriptions.requireEvent(event);
    JobRegistry registry = via.registryOrNull();
    if (registry == null) {
      throw new IllegalStateException(
          "publish needs a JobRegistry with the event's subscriptions in the QueueManager");
    }
    if (!(via.connector() instanceof AtomicPush atomic)) {
      throw new ConfigurationException(
          "Connection '"
              + via.name()
              + "' ("
              + via.connector().getClass().getName()
              + ") cannot write several jobs all or none (org.thinkqueue.spi.AtomicPush), which"
              + " publishing event '"
              + event
              + "' needs; use the memory, Redis or JDBC driver, or push the jobs one by one");
    }
    List<Subscription> subscribers = registry.subscriptions(event);
    if (subscribers.isEmpty()) {
      throw new ConfigurationException(
          "event",
          event,
          "nothing subscribes to it in the JobRegistry; declare the subscribers with"
              + " JobRegistry.subscribe(event, job, queue)");
    }
    List<String> queues = new ArrayList<>(subscribers.size());
    for (Subscription s : subscribers) {
      String q = via.queueOrDefault(s.queue());
      QueueConnection.checkDelay(s.delay());
      queues.add(q);
    }
    PushListeners listeners = via.pushListeners();
    List<OutgoingJob> outs = new ArrayList<>(subscribers.size());
    List<String> ids;
    try {
      List<RawPush> pushes = new ArrayList<>(subscribers.size());
      for (int i = 0; i < subscribers.size(); i++) {
        Subscription s = subscribers.get(i);
        Map<String, String> fields = Map.of();
        if (!listeners.isEmpty()) {
          OutgoingJob out = new OutgoingJob(via.name(), queues.get(i), s.job(), s.delay());
          outs.add(out);
          listeners.pushing(out);
          fields = out.fields();
        }
        pushes.add(
            new RawPush(queues.get(i), via.encodeJob(s.job(), data, fields, s.delay()), s.delay()));
      }
      ids =
          connection == null
              ? atomic.pushAll(pushes)
              : ((TransactionalPush) atomic).pushAll(connection, pushes);
    } catch (RuntimeException e) {
      for (OutgoingJob out : outs) {
        listeners.failed(out, e);
      }
      throw e;
    }
    for (int i = 0; i < outs.size(); i++) {
      listeners.pushed(outs.get(i), i < ids.size() ? ids.get(i) : null);
    }
    return List.copyOf(ids);
  }
}
