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
package org.thinkqueue.spi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.thinkqueue.FailedJob;

/**
 * A failed-job store in memory: for tests, for apps that only log failures, and for drivers without
 * a store of their own to return from {@link Connector#defaultFailedJobStore()}. Records are lost
 * at restart. Thread-safe.
 */
public final class MemoryFailedJobStore implements FailedJobStore {
  private final ConcurrentSkipListMap<Long, FailedJob> records = new ConcurrentSkipListMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Clock clock;

  /** An empty store stamping records with the system clock. */
  public MemoryFailedJobStore() {
    this(Clock.systemUTC());
  }

  /**
   * An empty store stamping records with {@code clock}.
   *
   * @param clock the clock for {@link FailedJob#failedAt()}
   */
  public MemoryFailedJobStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String record(String connection, String queue, String payload, String exception) {
    long id = ids.incrementAndGet();
    records.put(
        id,
        new FailedJob(Long.toString(id), connection, queue, payload, exception, clock.instant()));
    return Long.toString(id);
  }

  @Override
  public List<FailedJob> list(int offset, int limit) {
    List<FailedJob> out = new ArrayList<>(Math.min(limit, 1024));
    int skipped = 0;
    for (FailedJob job : records.descendingMap().values()) {
      if (skipped++ < offset) {
        continue;
      }
      if (out.size() >= limit) {
        break;
      }
      out.add(job);
    }
    return out;
  }

  @Override
  public Optional<FailedJob> find(String id) {
    Long key = parse(id);
    return key == null ? Optional.empty() : Optional.ofNullable(records.get(key));
  }

  @Override
  public boolean forget(String id) {
    Long key = parse(id);
    return key != null && records.remove(key) != null;
  }

  @Override
  public void flush() {
    records.clear();
  }

  @Override
  public long count() {
    return records.size();
  }

  private static Long parse(String id) {
    try {
      return id == null ? null : Long.valueOf(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@return false: the records are lost at restart} */
  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public String toString() {
    return "MemoryFailedJobStore{in memory, lost at restart}";
  }
}
