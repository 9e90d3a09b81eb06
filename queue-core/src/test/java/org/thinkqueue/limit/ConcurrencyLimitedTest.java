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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;

class ConcurrencyLimitedTest {
  private final MovableClock clock = new MovableClock();
  private final CountingStore store = new CountingStore(new MemoryLimiterStore(clock));
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final AtomicInteger ran = new AtomicInteger();

  ConcurrencyLimitedTest() {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private ConcurrencyLimited.Builder limited(int max) {
    return ConcurrencyLimited.builder(store, max, (job, data) -> "lim_sku:" + data)
        .scheduler(scheduler);
  }

  @Test
  void runsTheHandlerUnderALeaseAndReleasesItAfterwards() throws Exception {
    ConcurrencyLimited limit = limited(1).build();
    limit.handle(new RecordingJob("a"), "42", ran::incrementAndGet);

    assertThat(ran).hasValue(1);
    assertThat(store.released).hasSize(1);
    assertThat(store.acquireLease("lim_sku:42", 1, Duration.ofSeconds(1))).isPresent();
  }

  @Test
  void aBusyKeySnoozesTheJobWithJitterAroundTheRetryDelayAndSkipsTheHandler() throws Exception {
    ConcurrencyLimited limit = limited(2).retryDelay(Duration.ofSeconds(2)).build();
    store.acquireLease("lim_sku:42", 2, Duration.ofMinutes(1));
    store.acquireLease("lim_sku:42", 2, Duration.ofMinutes(1));

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      RecordingJob job = new RecordingJob("j" + i);
      limit.handle(job, "42", ran::incrementAndGet);
      delays.addAll(job.snoozes);
    }

    assertThat(ran).hasValue(0);
    assertThat(delays)
        .hasSize(20)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    assertThat(delays.stream().distinct().count()).as("jittered").isGreaterThan(1);
    limit.handle(new RecordingJob("other"), "43", ran::incrementAndGet);
    assertThat(ran).as("another key is free").hasValue(1);
  }

  @Test
  void releasesTheLeaseWhenTheHandlerThrows() {
    ConcurrencyLimited limit = limited(1).build();
    IOException boom = new IOException("Shopify said 503");
    assertThatThrownBy(
            () ->
                limit.handle(
                    new RecordingJob("a"),
                    "42",
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(store.released).hasSize(1);
    assertThat(store.acquireLease("lim_sku:42", 1, Duration.ofSeconds(1))).isPresent();
    assertThat(scheduler.getQueue()).as("renewal cancelled").isEmpty();
  }

  @Test
  void renewsTheLeaseWhileTheHandlerRunsAndStopsWhenItEnds() throws Exception {
    ConcurrencyLimited limit = limited(1).lease(Duration.ofMillis(30)).build();
    store.renewals = new CountDownLatch(3);

    limit.handle(
        new RecordingJob("a"),
        "42",
        () -> assertThat(store.renewals.await(10, TimeUnit.SECONDS)).as("three renewals").isTrue());

    assertThat(scheduler.getQueue()).as("renewal cancelled").isEmpty();
    assertThat(store.renewed.get()).isGreaterThanOrEqualTo(3);
    assertThat(store.renewFailures.get()).isZero();
    assertThat(store.released).hasSize(1);
  }

  @Test
  void aLostLeaseStopsRenewalWithoutInterruptingTheHandler() throws Exception {
    ConcurrencyLimited limit = limited(1).lease(Duration.ofMillis(30)).build();
    store.renewAnswer = false;

    limit.handle(
        new RecordingJob("a"),
        "42",
        () ->
            await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> store.renewed.get() == 1 && scheduler.getQueue().isEmpty()));

    assertThat(store.renewed).hasValue(1);
    assertThat(store.released).hasSize(1);
  }

  @Test
  void aFailedReleaseAfterAFailedHandlerIsSuppressedAndAfterASuccessOnlyLogged() throws Exception {
    ConcurrencyLimited limit = limited(1).build();
    store.releaseFails = true;

    IllegalStateException boom = new IllegalStateException("handler");
    assertThatThrownBy(
            () ->
                limit.handle(
                    new RecordingJob("a"),
                    "42",
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

    limit.handle(new RecordingJob("b"), "43", ran::incrementAndGet);
    assertThat(ran).hasValue(1);
  }

  @Test
  void withoutOverlappingNeverRunsTwoHandlersOfOneKeyAtOnce() throws Exception {
    ConcurrencyLimited limit =
        ConcurrencyLimited.builder(store, 1, (job, data) -> "lim_sku:" + data)
            .scheduler(scheduler)
            .retryDelay(Duration.ZERO)
            .build();
    AtomicInteger running = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    AtomicInteger snoozed = new AtomicInteger();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 200; i++) {
                    RecordingJob job = new RecordingJob(id + "-" + i);
                    limit.handle(
                        job,
                        "42",
                        () -> {
                          if (running.incrementAndGet() > 1) {
                            overlapped.set(true);
                          }
                          Thread.onSpinWait();
                          ran.incrementAndGet();
                          running.decrementAndGet();
                        });
                    snoozed.addAndGet(job.snoozes.size());
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlapped).isFalse();
    assertThat(ran.get() + snoozed.get()).isEqualTo(threads * 200);
    assertThat(ran.get()).isPositive();
  }

  @Test
  void aSchedulerThatRefusesTheRenewalFailsTheAttemptAndGivesTheLeaseBack() {
    ConcurrencyLimited limit = limited(1).build();
    scheduler.shutdown();
    assertThatThrownBy(() -> limit.handle(new RecordingJob("a"), "42", ran::incrementAndGet))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(ran).hasValue(0);
    assertThat(store.released).hasSize(1);
  }

  @Test
  void aNullKeyRunsUnlimited() throws Exception {
    ConcurrencyLimited limit =
        ConcurrencyLimited.builder(store, 1, (job, data) -> null).scheduler(scheduler).build();
    limit.handle(new RecordingJob("a"), "42", ran::incrementAndGet);
    assertThat(ran).hasValue(1);
    assertThat(store.acquired).hasValue(0);
  }

  @Test
  void refusesBadSettingsNamingThem() {
    assertThatThrownBy(() -> ConcurrencyLimited.of(store, 0, (j, d) -> "k"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'maxConcurrent': 0");
    assertThatThrownBy(() -> limited(1).lease(Duration.ofMillis(5)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'lease': PT0.005S");
    assertThatThrownBy(() -> limited(1).retryDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'retryDelay'");
    assertThatThrownBy(() -> ConcurrencyLimited.withoutOverlapping(null, (j, d) -> "k"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'store'");
  }

  /** The memory store, counting calls; renewals and releases can be made to fail. */
  private static final class CountingStore implements LimiterStore {
    private final LimiterStore delegate;
    final AtomicInteger acquired = new AtomicInteger();
    final AtomicInteger renewed = new AtomicInteger();
    final AtomicInteger renewFailures = new AtomicInteger();
    final List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile CountDownLatch renewals = new CountDownLatch(0);
    volatile Boolean renewAnswer;
    volatile boolean releaseFails;

    CountingStore(LimiterStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
      return delegate.acquire(key, limit, maxDelay);
    }

    @Override
    public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
      acquired.incrementAndGet();
      return delegate.acquireLease(key, maxLeases, leaseTime);
    }

    @Override
    public boolean renewLease(String key, String token, Duration leaseTime) {
      renewed.incrementAndGet();
      boolean ok = renewAnswer != null ? renewAnswer : delegate.renewLease(key, token, leaseTime);
      if (!ok && renewAnswer == null) {
        renewFailures.incrementAndGet();
      }
      renewals.countDown();
      return ok;
    }

    @Override
    public void releaseLease(String key, String token) {
      if (releaseFails) {
        throw ConnectionException.transientFailure("Redis failed to release a lease", null);
      }
      released.add(token);
      delegate.releaseLease(key, token);
    }
  }
}
