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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.testing.MonitorHolder;

/**
 * One lifecycle: start/run once, no monitor shared with handlers, the restart signal as think-queue
 * reads it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerStateTest extends WorkerFixture {

  @Test
  void concurrentStartsSpawnExactlyOnePollThreadAndTheOthersFailOnTheCallersThread()
      throws Exception {
    Worker worker = build();
    int callers = 16;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    List<Throwable> refused = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < callers; i++) {
      calls.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  go.await();
                  worker.start();
                  started.incrementAndGet();
                } catch (IllegalStateException e) {
                  refused.add(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              r -> new Thread(r).start()));
    }

    go.countDown();
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);

    assertThat(started).hasValue(1);
    assertThat(refused)
        .hasSize(callers - 1)
        .allSatisfy(e -> assertThat(e).hasMessageContaining("runs once"));
    await().atMost(Duration.ofSeconds(5)).until(() -> events.pollThread != null);
    Thread poll = events.pollThread;
    assertThat(poll.getName()).matches("queue-poll-\\d+");
    assertThat(poll.isAlive()).isTrue();
    assertThatThrownBy(worker::run).isInstanceOf(IllegalStateException.class);
    worker.close();
    assertThat(poll.isAlive()).isFalse();
    assertThat(events.of(org.thinkqueue.event.WorkerStarted.class))
        .as("one poll thread ran")
        .hasSize(1);
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(worker::runOnce).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void runTwiceFailsOnTheCallersThread() {
    Worker worker = build(worker().once(true).sleep(Duration.ZERO));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThatThrownBy(worker::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("terminated");
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aHandlerHoldingTheJobsMonitorDoesNotBlockTheWorker() throws Exception {
    AtomicReference<MonitorHolder> holder = new AtomicReference<>();
    registry.register(
        "Lock",
        String.class,
        (job, data) -> {
          holder.set(MonitorHolder.lock(job));
          job.delete();
        });
    manager.push("Lock", "a", QUEUE);
    Worker worker = build();

    try {
      CompletableFuture<Boolean> once = CompletableFuture.supplyAsync(worker::runOnce);
      assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.processedJobs()).isEqualTo(1);
      assertThat(size().total()).isZero();
    } finally {
      if (holder.get() != null) {
        holder.get().close();
      }
    }
  }

  @Test
  void theExtendPeriodLeavesAWholeSecondStoreTimeToExtend() {
    assertThat(Watchdog.extendPeriod(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(333));
    assertThat(Watchdog.extendPeriod(Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(19_666));
    assertThat(Watchdog.extendPeriod(Duration.ofMillis(1100))).isEqualTo(Duration.ofMillis(50));
    assertThat(Watchdog.extendPeriod(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(50));
    // three extensions fit in what a whole-second store leaves of the lease
    Duration minLease = org.thinkqueue.spi.Connector.MIN_RETRY_AFTER.minusSeconds(1);
    assertThat(Watchdog.extendPeriod(org.thinkqueue.spi.Connector.MIN_RETRY_AFTER).multipliedBy(3))
        .isLessThanOrEqualTo(minLease);
  }

  // ---- restart signal ----

  /** A memory connector with a restart signal the test sets, deletes or breaks. */
  static final class Signal extends ForwardingConnector implements RestartSignal {
    final AtomicReference<String> value = new AtomicReference<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger failedReads = new AtomicInteger();

    Signal(String initial) {
      super(new MemoryConnector());
      value.set(initial);
    }

    @Override
    public Optional<String> lastRestart() {
      if (failing.get()) {
        failedReads.incrementAndGet();
        throw new ConnectionException("signal store unreachable", null, true);
      }
      reads.incrementAndGet();
      return Optional.ofNullable(value.get());
    }

    @Override
    public void signalRestart() {
      value.set(Long.toString(System.currentTimeMillis() / 1000));
    }
  }

  private static final class Running {
    final QueueManager manager;
    final Worker worker;
    final CompletableFuture<Integer> status;

    Running(Signal signal, String name) {
      manager =
          QueueManager.builder()
              .connection(name, signal)
              .registry(new org.thinkqueue.JobRegistry())
              .failedJobStore(new MemoryFailedJobStore())
              .build();
      // A long idle wait: the worker must be woken from it, not notice the change after it.
      worker =
          Worker.builder()
              .manager(manager)
              .queues(QUEUE)
              .sleep(Duration.ofSeconds(60))
              .stopGrace(Duration.ofMillis(500))
              .build();
      status = CompletableFuture.supplyAsync(worker::run, r -> new Thread(r).start());
    }

    void close() {
      worker.close();
      manager.close();
    }
  }

  @Test
  void aDeletedRestartKeyStopsTheWorkerAsThinkQueueDoes() throws Exception {
    Signal signal = new Signal("123");
    Running r = new Running(signal, "signal-" + UUID.randomUUID());
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> signal.reads.get() >= 2);

      signal.value.set(null);

      assertThat(r.status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    } finally {
      r.close();
    }
  }

  @Test
  void anAbsentKeyThatStaysAbsentDoesNotStopTheWorkerButASetOneDoes() throws Exception {
    Signal signal = new Signal(null);
    Running r = new Running(signal, "signal-" + UUID.randomUUID());
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> signal.reads.get() >= 4);
      assertThat(r.status).isNotDone();

      signal.signalRestart();

      assertThat(r.status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    } finally {
      r.close();
    }
  }

  @Test
  void aFailingReadIsNoChangeAndIsLoggedOncePerStreak() throws Exception {
    Signal signal = new Signal("123");
    String name = "signal-" + UUID.randomUUID();
    try (CapturedLog log = new CapturedLog()) {
      Running r = new Running(signal, name);
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> signal.reads.get() >= 2);
        signal.failing.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> signal.failedReads.get() >= 4);
        assertThat(r.status).isNotDone();
        signal.failing.set(false);
        int reads = signal.reads.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> signal.reads.get() >= reads + 2);
        assertThat(r.status).isNotDone();
        assertThat(log.lines("Could not read the restart signal of connection '" + name + "'"))
            .hasSize(1);

        signal.value.set("124");

        assertThat(r.status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
      } finally {
        r.close();
      }
    }
  }

  @Test
  void theRestartSignalIsCheckedOftenEnoughToStopWithinASecond() {
    assertThat(StopConditions.HOUSEKEEPING_MILLIS).isLessThanOrEqualTo(500);
  }
}
