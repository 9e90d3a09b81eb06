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
package org.thinkqueue.micrometer.internal;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;

/**
 * Queue sizes and the failed-job count, read from the stores at most once per refresh interval,
 * whatever the number of gauges and scrapes: the first gauge read after the interval passed reads
 * every watched queue once (one {@code size} call per queue and one failed-job count), and reads
 * made meanwhile, or while that refresh runs, get the previous snapshot. A queue whose size could
 * not be read reads as NaN until a refresh succeeds. Thread-safe.
 */
public final class QueueSizeCache {
  private static final Logger LOG = LoggerFactory.getLogger(QueueSizeCache.class);

  /** A watched queue. */
  public record Key(String connection, String queue) {}

  private record Snapshot(long takenAt, Map<Key, QueueSize> sizes, double failed) {}

  private final QueueManager manager;
  private final Clock clock;
  private final long refreshNanos;
  private final Set<Key> watched = new LinkedHashSet<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Snapshot snapshot;
  private volatile boolean dirty = true;
  private boolean failing;

  /**
   * @param clock its monotonic time measures the interval
   * @param refresh the least time between two reads of the stores
   */
  public QueueSizeCache(QueueManager manager, Clock clock, Duration refresh) {
    this.manager = manager;
    this.clock = clock;
    this.refreshNanos = refresh.toNanos();
  }

  /**
   * Adds a queue to read; it is read at the next gauge read.
   *
   * @return true if it was not watched yet
   */
  public boolean watch(String connection, String queue) {
    synchronized (watched) {
      if (!watched.add(new Key(connection, queue))) {
        return false;
      }
    }
    dirty = true;
    return true;
  }

  /** The watched queues, in the order added. */
  public List<Key> watched() {
    synchronized (watched) {
      return List.copyOf(watched);
    }
  }

  /** Ready jobs of a queue, or NaN when unknown. */
  public double ready(Key key) {
    QueueSize s = current().sizes.get(key);
    return s == null ? Double.NaN : s.ready();
  }

  /** Delayed jobs of a queue, or NaN when unknown. */
  public double delayed(Key key) {
    QueueSize s = current().sizes.get(key);
    return s == null ? Double.NaN : s.delayed();
  }

  /** Reserved jobs of a queue, or NaN when unknown. */
  public double reserved(Key key) {
    QueueSize s = current().sizes.get(key);
    return s == null ? Double.NaN : s.reserved();
  }

  /** Failed jobs in the manager's failed-job store, or NaN when unknown. */
  public double failed() {
    return current().failed;
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    long now = clock.monotonicTime();
    boolean due = s == null || dirty || now - s.takenAt >= refreshNanos;
    if (due && refreshing.compareAndSet(false, true)) {
      try {
        dirty = false;
        s = read(now);
        snapshot = s;
      } finally {
        refreshing.set(false);
      }
    }
    return s != null ? s : new Snapshot(now, Map.of(), Double.NaN);
  }

  private Snapshot read(long now) {
    Map<Key, QueueSize> sizes = new HashMap<>();
    RuntimeException error = null;
    for (Key key : watched()) {
      try {
        sizes.put(key, manager.connection(key.connection()).size(key.queue()));
      } catch (RuntimeException e) {
        error = e;
      }
    }
    double failed = Double.NaN;
    try {
      failed = manager.failed().count();
    } catch (RuntimeException e) {
      error = e;
    }
    if (error != null && !failing) {
      LOG.warn(
          "Could not read queue sizes for the think-queue gauges; they read NaN until a read succeeds "
              + "(logged once per streak)",
          error);
    }
    failing = error != null;
    return new Snapshot(now, Map.copyOf(sizes), failed);
  }
}
