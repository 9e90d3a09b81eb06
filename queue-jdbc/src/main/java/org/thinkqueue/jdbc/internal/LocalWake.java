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
package org.thinkqueue.jdbc.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A generation counter idle workers wait on; a push through any connector of this JVM on the same
 * data source and table bumps it. Identity hash codes may collide: then pushes to one table also
 * wake workers of another, spurious returns {@link WorkWaiter#await} allows.
 */
public final class LocalWake {
  private static final ConcurrentHashMap<String, LocalWake> WAKES = new ConcurrentHashMap<>();

  private long generation;

  private LocalWake() {}

  /** The one wake of {@code table} on {@code dataSource} in this JVM. */
  public static LocalWake of(DataSource dataSource, String table) {
    return WAKES.computeIfAbsent(
        System.identityHashCode(dataSource) + "/" + table, k -> new LocalWake());
  }

  /** Wakes every worker waiting on this table. */
  public synchronized void signal() {
    generation++;
    notifyAll();
  }

  synchronized long generation() {
    return generation;
  }

  /** Waits up to {@code ms} for a signal after {@code seen}; true if one came. */
  synchronized boolean awaitAfter(long seen, long ms) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    long left = ms;
    while (generation == seen && left > 0) {
      wait(left);
      left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
    }
    return generation != seen;
  }
}
