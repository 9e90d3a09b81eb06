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

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions an embedded H2 calls for "now" when a connector runs on a {@link Clock} (tests): H2
 * calls them by name, so they are public and static, and find the clock by the key in the SQL.
 * Clocks are held weakly: the dialect that uses one keeps it.
 */
public final class H2Clock {
  static final String SECONDS = "THINK_QUEUE_CLOCK_SECONDS";
  static final String MILLIS = "THINK_QUEUE_CLOCK_MILLIS";
  private static final Map<String, WeakReference<Clock>> CLOCKS = new ConcurrentHashMap<>();

  private H2Clock() {}

  static String register(Clock clock) {
    CLOCKS.values().removeIf(ref -> ref.get() == null);
    String key = UUID.randomUUID().toString();
    CLOCKS.put(key, new WeakReference<>(clock));
    return key;
  }

  /** The Unix time in whole seconds of the clock registered as {@code key}. */
  public static long seconds(String key) {
    return Math.floorDiv(millis(key), 1000L);
  }

  /** The Unix time in milliseconds of the clock registered as {@code key}. */
  public static long millis(String key) {
    WeakReference<Clock> ref = CLOCKS.get(key);
    Clock clock = ref == null ? null : ref.get();
    if (clock == null) {
      throw new IllegalStateException("No clock registered as " + key + "; its connector is gone");
    }
    return clock.millis();
  }
}
