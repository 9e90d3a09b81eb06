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
package org.thinkqueue.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A mail sink with configurable latency and failure rate, so the demo shows retries happen. */
public final class FakeMailer implements Mailer {
  private final long latencyMillis;
  private final double failureRate;
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

  public FakeMailer(long latencyMillis, double failureRate) {
    this.latencyMillis = latencyMillis;
    this.failureRate = failureRate;
  }

  @Override
  public void send(String to, String subject, String body) throws Exception {
    Thread.sleep(latencyMillis);
    if (ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new java.io.IOException(
          "SMTP server said 451: try again later (sending to " + to + ")");
    }
    sent.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Address to number of e-mails sent to it. */
  public Map<String, Integer> sent() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    sent.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
