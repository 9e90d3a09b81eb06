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
package org.thinkqueue.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits kept in this JVM: for the memory connector, for tests, and for limits that need not be
 * shared between machines. Keys whose state has run out are dropped now and then, so the map holds
 * only busy keys. Thread-safe.
 */
public final class MemoryLimiterStore implements LimiterStore {
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** A store on the system clock. */
  public MemoryLimiterStore() {
    this(Clock.systemUTC());
  }

  /**
   * A store on {@code clock}: tests move it instead of waiting.
   *
   * @param clock the time source
   * @throws NullPointerException if {@code clock} is null
   */
  public MemoryLimiterStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
    LimiterStore.requireKey(key);
    Objects.requireNonNull(limit, "limit");
    long max = LimiterStore.maxDelayMicros(maxDelay);
    long now = now();
    RateDecision[] out = new RateDecision[1];
    states.compute(
        key,
        (k, s) -> {
          State state = s == null ? new State() : s;
          Gcra.Step step = Gcra.step(limit, state.tat, state.turn, now, max);
          state.tat = step.tat();
          state.turn = step.turn();
          out[0] = step.decision();
          return state;
        });
    sweepNowAndThen(now);
    return out[0];
  }

  @Override
  public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireMaxLeases(maxLeases);
    long lease = LimiterStore.leaseMicros(leaseTime);
    long now = now();
    String token = UUID.randomUUID().toString();
    boolean[] taken = new boolean[1];
    states.compute(
        key,
        (k, s) -> {
          State state = s == null ? new State() : s;
          state.leases.values().removeIf(expiry -> expiry <= now);
          if (state.leases.size() < maxLeases) {
            state.leases.put(token, now + lease);
            taken[0] = true;
          }
          return state;
        });
    sweepNowAndThen(now);
    return taken[0] ? Optional.of(token) : Optional.empty();
  }

  @Override
  public boolean renewLease(String key, String token, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    long lease = LimiterStore.leaseMicros(leaseTime);
    long now = now();
    boolean[] renewed = new boolean[1];
    states.computeIfPresent(
        key,
        (k, state) -> {
          Long expiry = state.leases.get(token);
          if (expiry != null && expiry > now) {
            state.leases.put(token, now + lease);
            renewed[0] = true;
          }
          return state;
        });
    return renewed[0];
  }

  @Override
  public void releaseLease(String key, String token) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    states.computeIfPresent(
        key,
        (k, state) -> {
          state.leases.remove(token);
          return state;
        });
  }

  private long now() {
    Instant i = clock.instant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L);
  }

  private void sweepNowAndThen(long now) {
    if (calls.incrementAndGet() % SWEEP_EVERY != 0) {
      return;
    }
    for (String key : states.keySet()) {
      states.computeIfPresent(key, (k, s) -> s.idle(now) ? null : s);
    }
  }

  @Override
  public String toString() {
    return "MemoryLimiterStore{keys=" + states.size() + "}";
  }

  /** One key's state; guarded by the map's per-key compute. */
  private static final class State {
    long tat;
    long turn;
    final Map<String, Long> leases = new HashMap<>();

    boolean idle(long now) {
      return tat <= now && turn <= now && leases.values().stream().allMatch(e -> e <= now);
    }
  }
}
