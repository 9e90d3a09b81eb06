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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides when a fake fails: at a rate, but never more than a few times in a row for one key, so
 * the worker's retries always get a call through.
 */
final class Flakiness {
  private final double rate;
  private final int maxInARow;
  private final Map<String, Integer> inARow = new HashMap<>();

  Flakiness(ExampleProperties.Flaky settings) {
    this.rate = settings.failureRate();
    this.maxInARow = settings.maxFailuresInARow();
  }

  synchronized boolean shouldFail(String key) {
    int failed = inARow.getOrDefault(key, 0);
    if (failed < maxInARow && ThreadLocalRandom.current().nextDouble() < rate) {
      inARow.put(key, failed + 1);
      return true;
    }
    inARow.remove(key);
    return false;
  }

  static void pause(Duration latency) throws IOException {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
