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
package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.ReservedJob;

/**
 * The watchdog extends a running job's reservation each time the worker's ticker passes the
 * extension period, and logs a failing extension once per streak. The ticker is the test's, so
 * extensions happen when the test says.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerExtensionTest {
  private static final String QUEUE = "q";
  private static final Duration RETRY_AFTER = Duration.ofSeconds(60);
  private static final Duration PERIOD = Watchdog.extendPeriod(RETRY_AFTER);

  /** A memory connector counting extensions, which fail while {@code failing}. */
  static final class CountingExtender extends ForwardingConnector implements ExtendsReservations {
    final AtomicInteger extensions = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();

    CountingExtender() {
      super(MemoryConnector.builder().retryAfter(RETRY_AFTER).build());
    }

    @Override
    public boolean extend(ReservedJob job) {
      extensions.incrementAndGet();
      if (failing.get()) {
        throw ConnectionException.transientFailure("lease store unreachable", null);
      }
      return delegate.extend(job);
    }
  }

  private final CountingExtender connector = new CountingExtender();
  private final JobRegistry registry = new JobRegistry();
  private final String name = "extend-" + UUID.randomUUID();
  private final QueueManager manager =
      QueueManager.builder()
          .connection(name, connector)
          .registry(registry)
          .failedJobStore(new MemoryFailedJobStore())
          .build();
  private final WorkerFixture.ManualTicker ticker = new WorkerFixture.ManualTicker();
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);

  @AfterEach
  void close() {
    gate.countDown();
    manager.close();
  }

  private Worker worker() {
    registry.handle(
        "Long",
        String.class,
        data -> {
          running.countDown();
          gate.await();
        });
    manager.push("Long", "d", QUEUE);
    return Worker.builder()
        .manager(manager)
        .queues(QUEUE)
        .timeout(Duration.ZERO)
        .ticker(ticker)
        .build();
  }

  private void passOnePeriod(int expectedExtensions) {
    ticker.advance(PERIOD);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> connector.extensions.get() == expectedExtensions);
  }

  @Test
  void aRunningJobIsExtendedOncePerPeriodOfTheTicker() throws Exception {
    try (Worker worker = worker()) {
      CompletableFuture<Boolean> once =
          CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      ticker.advance(PERIOD.minusMillis(1));
      assertThat(connector.extensions).as("not before the period passed").hasValue(0);

      ticker.advance(Duration.ofMillis(1));
      await().atMost(Duration.ofSeconds(5)).until(() -> connector.extensions.get() == 1);
      passOnePeriod(2);
      gate.countDown();

      assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    }
  }

  @Test
  void failingExtensionsAreLoggedOncePerStreak() throws Exception {
    try (CapturedLog log = new CapturedLog();
        Worker worker = worker()) {
      CompletableFuture<Boolean> once =
          CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      connector.failing.set(true);
      passOnePeriod(1);
      passOnePeriod(2);
      passOnePeriod(3);
      connector.failing.set(false);
      passOnePeriod(4);
      gate.countDown();
      assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(log.lines("Could not extend the reservation"))
          .singleElement()
          .asString()
          .contains("WARN")
          .contains("lease store unreachable");
      assertThat(log.lines("Reservations can be extended again after 3 failed extensions"))
          .hasSize(1);
    }
  }
}
