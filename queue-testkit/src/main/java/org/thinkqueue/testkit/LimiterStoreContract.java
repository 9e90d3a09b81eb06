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
package org.thinkqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateDecision;
import org.thinkqueue.limit.RateLimit;

/**
 * What every {@link LimiterStore} guarantees, checked against its real backing store: rate permits
 * (a burst, then one per emission interval, denied callers' turns one interval apart, a booked slot
 * within {@code maxDelay}, keys independent and compared exactly, one bucket shared by racing
 * threads) and leases (N then none, release, expiry, renewal, exactly one winner of a race).
 *
 * <p>Subclasses supply the store and how time passes for it: {@link TimeControl#sleeping()} for a
 * store on a server's clock (waits are real, and lease expiry is awaited by polling the store), or
 * {@link TimeControl#of(MutableClock)} for a store on a clock the test moves. Each test uses keys
 * of its own, so a shared server is fine.
 */
public abstract class LimiterStoreContract {
  private static final int RACERS = 16;

  /** The store under test. */
  protected LimiterStore store;

  /** How time passes for it. */
  protected TimeControl time;

  private String prefix;

  /**
   * The store under test, on its real backing store. Called before each test.
   *
   * @return the store
   */
  protected abstract LimiterStore createStore();

  /**
   * How time passes for the store: {@link TimeControl#sleeping()} for a server's clock.
   *
   * @return the time control
   */
  protected abstract TimeControl timeControl();

  /**
   * Releases what {@link #createStore()} made; called after each test. The default does nothing.
   */
  protected void cleanUp() {}

  /**
   * The prefix of every key the tests use; a subclass may override it to tell its keys apart.
   *
   * @return the prefix, a few characters
   */
  protected String keyPrefix() {
    return "lim_";
  }

  @BeforeEach
  void setUpStore() {
    store = createStore();
    time = timeControl();
    prefix = keyPrefix() + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  @AfterEach
  void tearDownStore() {
    cleanUp();
  }

  /**
   * A key of this test.
   *
   * @param name what it stands for
   * @return a key no other test uses
   */
  protected String key(String name) {
    return prefix + name;
  }

  // ----------------------------------------------------------------------------------------- rate

  @Test
  void anIdleKeyGrantsItsBurstThenDeniesForAboutOneInterval() {
    // Slow enough that a loaded machine's stalls between the calls do not refill the bucket.
    RateLimit limit = RateLimit.perSecond(1).withBurst(3);
    Instant before = time.now();
    for (int i = 0; i < 3; i++) {
      assertThat(store.acquire(key("shop"), limit, Duration.ZERO))
          .as("permit %d of the burst", i + 1)
          .isEqualTo(RateDecision.granted(Duration.ZERO));
    }
    RateDecision denied = store.acquire(key("shop"), limit, Duration.ZERO);
    Duration elapsed = Duration.between(before, time.now());

    assertThat(denied.isGranted()).isFalse();
    assertThat(denied.delay())
        .isLessThanOrEqualTo(Duration.ofMillis(1000))
        .isGreaterThanOrEqualTo(Duration.ofMillis(999).minus(elapsed));
  }

  @Test
  void aDeniedCallerThatWaitsItsDelayGetsTheNextSlot() {
    RateLimit limit = RateLimit.perSecond(20);
    int grants = 0;
    int deniedAfterWaiting = 0;
    boolean waited = false;
    Instant first = null;
    Instant last = null;
    while (grants < 6) {
      RateDecision d = store.acquire(key("shop"), limit, Duration.ZERO);
      if (d.isGranted()) {
        last = time.now();
        first = first == null ? last : first;
        grants++;
        waited = false;
      } else {
        deniedAfterWaiting += waited ? 1 : 0;
        passAtLeast(d.delay());
        waited = true;
      }
    }

    assertThat(deniedAfterWaiting).as("denials right after waiting the delay given").isZero();
    assertThat(Duration.between(first, last))
        .as("six permits at 20/s span at least five intervals")
        .isGreaterThanOrEqualTo(Duration.ofMillis(249));
  }

  @Test
  void callersDeniedOneAfterTheOtherGetTurnsOneIntervalApart() {
    RateLimit limit = RateLimit.perSecond(2);
    assertThat(store.acquire(key("shop"), limit, Duration.ZERO).isGranted()).isTrue();
    List<Duration> delays = new ArrayList<>();
    List<Instant> asked = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      asked.add(time.now());
      RateDecision d = store.acquire(key("shop"), limit, Duration.ZERO);
      assertThat(d.isGranted()).isFalse();
      delays.add(d.delay());
    }
    for (int i = 1; i < 3; i++) {
      // Turn i is one interval after turn i - 1; asked later by the time between the calls.
      Duration apart = delays.get(i).minus(delays.get(i - 1));
      Duration between = Duration.between(asked.get(i - 1), asked.get(i));
      assertThat(apart)
          .as("turn %d after turn %d", i + 1, i)
          .isLessThanOrEqualTo(Duration.ofMillis(501))
          .isGreaterThanOrEqualTo(Duration.ofMillis(499).minus(between).minus(between));
    }
  }

  @Test
  void aSlotWithinMaxDelayIsBookedForTheCaller() {
    RateLimit limit = RateLimit.perSecond(2);
    assertThat(store.acquire(key("shop"), limit, Duration.ZERO).isGranted()).isTrue();

    RateDecision booked = store.acquire(key("shop"), limit, Duration.ofSeconds(1));
    assertThat(booked.isGranted()).isTrue();
    assertThat(booked.delay()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));

    RateDecision next = store.acquire(key("shop"), limit, Duration.ZERO);
    assertThat(next.isGranted()).as("the booked slot is taken").isFalse();
    assertThat(next.delay()).isGreaterThan(booked.delay());
  }

  @Test
  void keysHaveTheirOwnBucketsAndAreComparedExactly() {
    RateLimit limit = RateLimit.perMinute(1);
    assertThat(store.acquire(key("Shop"), limit, Duration.ZERO).isGranted()).isTrue();
    assertThat(store.acquire(key("Shop"), limit, Duration.ZERO).isGranted()).isFalse();
    for (String other : List.of("shop", "Shop ", "Shöp", "Shop\u00a0", "Shop:1")) {
      assertThat(store.acquire(key(other), limit, Duration.ZERO).isGranted())
          .as("key '%s'", other)
          .isTrue();
    }
  }

  @Test
  void racingCallersShareOneBucket() throws Exception {
    RateLimit limit = RateLimit.perMinute(1).withBurst(5);
    for (int round = 0; round < 5; round++) {
      String k = key("race" + round);
      List<RateDecision> decisions = race(() -> store.acquire(k, limit, Duration.ZERO));
      assertThat(decisions.stream().filter(RateDecision::isGranted).count())
          .as("permits granted in round %d", round)
          .isEqualTo(5);
    }
  }

  @Test
  void theLongestKeyWorks() {
    String longest = key("");
    longest = longest + "\u00e9".repeat(LimiterStore.MAX_KEY_LENGTH - longest.length());
    assertThat(longest).hasSize(LimiterStore.MAX_KEY_LENGTH);
    assertThat(store.acquire(longest, RateLimit.perMinute(1), Duration.ZERO).isGranted()).isTrue();
    assertThat(store.acquire(longest, RateLimit.perMinute(1), Duration.ZERO).isGranted()).isFalse();
    assertThat(store.acquireLease(longest, 1, Duration.ofMinutes(1))).isPresent();
    assertThat(store.acquireLease(longest, 1, Duration.ofMinutes(1))).isEmpty();
  }

  // --------------------------------------------------------------------------------------- leases

  @Test
  void grantsNLeasesThenNoneUntilOneIsReleased() {
    Duration lease = Duration.ofMinutes(1);
    Optional<String> a = store.acquireLease(key("sku"), 2, lease);
    Optional<String> b = store.acquireLease(key("sku"), 2, lease);
    assertThat(a).isPresent();
    assertThat(b).isPresent();
    assertThat(a).isNotEqualTo(b);
    assertThat(store.acquireLease(key("sku"), 2, lease)).isEmpty();
    assertThat(store.acquireLease(key("other"), 2, lease)).as("another key").isPresent();
    assertThat(store.acquireLease(key("SKU"), 2, lease)).as("keys compared exactly").isPresent();

    store.releaseLease(key("sku"), a.get());
    store.releaseLease(key("sku"), a.get());
    store.releaseLease(key("sku"), UUID.randomUUID().toString());

    assertThat(store.acquireLease(key("sku"), 2, lease)).as("after a release").isPresent();
    assertThat(store.acquireLease(key("sku"), 2, lease))
        .as("a second release of one token frees nothing")
        .isEmpty();
  }

  @Test
  void anExpiredLeaseIsFreeAgain() {
    Duration lease = Duration.ofSeconds(1);
    String longHeld = store.acquireLease(key("sku"), 2, Duration.ofMinutes(1)).orElseThrow();
    Instant start = time.now();
    Optional<String> held = store.acquireLease(key("sku"), 2, lease);
    assertThat(held).isPresent();
    assertThat(store.acquireLease(key("sku"), 2, lease)).isEmpty();

    // The other lease keeps the key busy: only the expired one's slot comes free.
    Optional<String> next = awaitLease(key("sku"), 2, lease);
    assertThat(Duration.between(start, time.now())).isGreaterThanOrEqualTo(lease);
    assertThat(next).isPresent().isNotEqualTo(held);
    assertThat(store.renewLease(key("sku"), held.get(), lease))
        .as("the expired holder cannot renew")
        .isFalse();
    assertThat(store.renewLease(key("sku"), next.get(), lease)).isTrue();
    assertThat(store.renewLease(key("sku"), longHeld, lease)).isTrue();
  }

  @Test
  void renewalKeepsALeasePastItsFirstExpiry() {
    Duration lease = Duration.ofSeconds(2);
    String token = store.acquireLease(key("sku"), 1, lease).orElseThrow();
    for (int i = 0; i < 4; i++) {
      time.advance(Duration.ofMillis(600));
      assertThat(store.renewLease(key("sku"), token, lease)).as("renewal %d", i + 1).isTrue();
      assertThat(store.acquireLease(key("sku"), 1, lease)).as("after renewal %d", i + 1).isEmpty();
    }
    store.releaseLease(key("sku"), token);
    assertThat(store.renewLease(key("sku"), token, lease)).as("released").isFalse();
    assertThat(store.renewLease(key("sku"), UUID.randomUUID().toString(), lease))
        .as("unknown token")
        .isFalse();
    assertThat(store.renewLease(key("never-used"), token, lease)).as("unknown key").isFalse();
  }

  @Test
  void exactlyOneOfManyRacingCallersGetsTheOnlyLease() throws Exception {
    for (int round = 0; round < 10; round++) {
      String k = key("race" + round);
      List<Optional<String>> leases = race(() -> store.acquireLease(k, 1, Duration.ofMinutes(1)));
      assertThat(leases.stream().filter(Optional::isPresent).count())
          .as("leases granted in round %d", round)
          .isEqualTo(1);
    }
  }

  @Test
  void exactlyNOfManyRacingCallersGetLeases() throws Exception {
    String k = key("race");
    List<Optional<String>> leases = race(() -> store.acquireLease(k, 3, Duration.ofMinutes(1)));
    Set<String> tokens = new HashSet<>();
    leases.forEach(l -> l.ifPresent(tokens::add));
    assertThat(tokens).hasSize(3);
  }

  @Test
  void refusesInvalidArgumentsWithoutQuotingTheKey() {
    Duration d = Duration.ofSeconds(1);
    RateLimit r = RateLimit.perSecond(1);
    String tooLong = "secret-" + "k".repeat(LimiterStore.MAX_KEY_LENGTH);
    assertThatThrownBy(() -> store.acquire(null, r, d))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquire("", r, d)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquire(tooLong, r, d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> store.acquire(key("k"), null, d)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> store.acquire(key("k"), r, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquireLease(tooLong, 1, d))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquireLease(key("k"), 0, d))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquireLease(key("k"), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.renewLease(key("k"), null, d))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.releaseLease(key("k"), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // -------------------------------------------------------------------------------------- helpers

  /** Lets at least {@code d} pass on the store's clock (a sleep rounds down to the millisecond). */
  private void passAtLeast(Duration d) {
    time.advance(Duration.ofMillis(d.toMillis() + 1));
  }

  /**
   * Polls until a lease of {@code key} is free: real time passes on a server's clock; a moved clock
   * is moved a little each time.
   */
  private Optional<String> awaitLease(String key, int max, Duration lease) {
    List<Optional<String>> got = new ArrayList<>();
    await()
        .atMost(lease.plus(Duration.ofSeconds(10)))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              if (time != TimeControl.sleeping()) {
                time.advance(Duration.ofMillis(25));
              }
              Optional<String> l = store.acquireLease(key, max, lease);
              if (l.isPresent()) {
                got.add(l);
              }
              return l.isPresent();
            });
    return got.get(0);
  }

  /** Runs {@code call} on {@value #RACERS} threads released at once; their results. */
  private static <T> List<T> race(Callable<T> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(RACERS);
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
