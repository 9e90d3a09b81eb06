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
package org.thinkqueue.examples.spring;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * What the fakes delivered, per kind and e-mail address, and how many calls failed. The demo's
 * summary and the tests read it; {@link #awaitDelivered} wakes as deliveries are recorded.
 */
@Component
public class SideEffects {
  /** The seed's three side effects of a registration. */
  public enum Kind {
    /** The welcome e-mail. */
    WELCOME_EMAIL,
    /** The real-time message to the customer's sales rep. */
    SALES_REP_MESSAGE,
    /** The contact pushed to the marketing platform (Tidio). */
    TIDIO_CONTACT
  }

  private final Map<Kind, Map<String, Integer>> delivered = new EnumMap<>(Kind.class);
  private final Map<Kind, Integer> failures = new EnumMap<>(Kind.class);
  private int total;

  /** An empty record. */
  public SideEffects() {
    for (Kind kind : Kind.values()) {
      delivered.put(kind, new TreeMap<>());
      failures.put(kind, 0);
    }
  }

  /**
   * Records one delivery.
   *
   * @param kind what was delivered
   * @param email the registered user's address
   */
  public synchronized void delivered(Kind kind, String email) {
    delivered.get(kind).merge(email, 1, Integer::sum);
    total++;
    notifyAll();
  }

  /**
   * Records one failed call (the job is retried).
   *
   * @param kind what failed to be delivered
   */
  public synchronized void failed(Kind kind) {
    failures.merge(kind, 1, Integer::sum);
  }

  /**
   * How often {@code kind} was delivered for {@code email}.
   *
   * @param kind the side effect
   * @param email the address
   * @return the number of deliveries, 0 if none
   */
  public synchronized int count(Kind kind, String email) {
    return delivered.get(kind).getOrDefault(email, 0);
  }

  /**
   * How many calls of {@code kind} failed.
   *
   * @param kind the side effect
   * @return the failed calls
   */
  public synchronized int failures(Kind kind) {
    return failures.get(kind);
  }

  /**
   * All deliveries so far, of every kind.
   *
   * @return the count
   */
  public synchronized int total() {
    return total;
  }

  /**
   * A copy of the deliveries: kind to address to count.
   *
   * @return the snapshot
   */
  public synchronized Map<Kind, Map<String, Integer>> snapshot() {
    Map<Kind, Map<String, Integer>> copy = new EnumMap<>(Kind.class);
    delivered.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return copy;
  }

  /**
   * Waits until at least {@code count} deliveries (of every kind together) were recorded.
   *
   * @param count the deliveries to wait for
   * @param timeout the longest wait
   * @return whether they were recorded in time
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized boolean awaitDelivered(int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (total < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Duration wait = Duration.ofNanos(left);
      wait(Math.max(1, wait.toMillis()));
    }
    return true;
  }
}
