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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobTimeoutException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerStopping;

/**
 * A handler past its timeout is interrupted; one that ignores the interrupt stops the worker with
 * its own status. Timeouts and the timeout grace are measured on a {@link ManualTicker}: they pass
 * when the test moves it, so the handlers here block on latches or spin instead of racing a
 * wall-clock deadline.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerTimeoutTest extends WorkerFixture {
  /** Long on the wall clock: only the ticker makes it pass within the test's 30 s. */
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static final Duration GRACE = Duration.ofMinutes(1);

  private final ManualTicker ticker = new ManualTicker();

  /** Lets a handler that ignores interrupts end, so no spinning thread outlives the test. */
  private final AtomicBoolean unstick = new AtomicBoolean();

  @AfterEach
  void unstick() {
    unstick.set(true);
  }

  @Test
  void handlerPastItsTimeoutIsInterruptedAndReleased() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    registry.register(
        "Sleeper",
        String.class,
        (job, data) -> {
          running.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
          job.delete();
        });
    manager.push("Sleeper", "d", QUEUE);
    Worker worker = build(worker().tries(3).timeout(TIMEOUT).ticker(ticker));

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.advance(TIMEOUT.minusMillis(1));
    assertThat(interrupted).as("not before its timeout").isFalse();
    ticker.advance(Duration.ofMillis(1));

    assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isTrue();
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(JobTimeoutException.class));
    assertThat(events.of(JobReleased.class)).hasSize(1);
    assertThat(failedRecords()).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void handlerPastItsTimeoutAtItsLastTryIsFailed() throws Exception {
    List<Throwable> failedCauses = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(1);
    registry.register(
        "Sleeper",
        new org.thinkqueue.JobHandler<String>() {
          @Override
          public void fire(org.thinkqueue.Job job, String data) throws Exception {
            running.countDown();
            new CountDownLatch(1).await();
          }

          @Override
          public void failed(String data, Throwable cause) {
            failedCauses.add(cause);
          }
        });
    manager.push("Sleeper", "d", QUEUE);
    Worker worker = build(worker().tries(1).timeout(TIMEOUT).ticker(ticker));

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.advance(TIMEOUT);

    assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();

    assertThat(failedCauses).singleElement().isInstanceOf(JobTimeoutException.class);
    assertThat(failedRecords())
        .singleElement()
        .satisfies(r -> assertThat(r.exception()).contains(JobTimeoutException.class.getName()));
    assertThat(events.of(JobReleased.class)).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void handlerIgnoringTheInterruptStopsTheWorkerWithJobTimeoutStatusAfterOthersSettle()
      throws Exception {
    CountDownLatch stuckRunning = new CountDownLatch(1);
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    AtomicInteger spins = new AtomicInteger();
    registry.register(
        "Stuck",
        String.class,
        (job, data) -> {
          stuckRunning.countDown();
          while (!unstick.get()) {
            if (Thread.interrupted()) {
              sawInterrupt.set(true); // and ignores it
            }
            spins.incrementAndGet();
            Thread.onSpinWait();
          }
        });
    CountDownLatch slowRunning = new CountDownLatch(1);
    CountDownLatch slowGate = new CountDownLatch(1);
    AtomicBoolean slowDone = new AtomicBoolean();
    registry.register(
        "Slow",
        String.class,
        (job, data) -> {
          slowRunning.countDown();
          // Outlives the stuck job's timeout plus grace, so run() has to wait for it.
          slowGate.await();
          job.delete();
          slowDone.set(true);
        });
    String stuckId = manager.push("Stuck", "d", QUEUE);
    manager.push("Slow", "d", QUEUE, JobOptions.DEFAULT.withTimeout(Duration.ofDays(1)));
    Worker worker =
        build(worker().threads(2).tries(3).timeout(TIMEOUT).timeoutGrace(GRACE).ticker(ticker));

    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(worker::run, r -> new Thread(r).start());
    assertThat(stuckRunning.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(slowRunning.await(5, TimeUnit.SECONDS)).isTrue();

    ticker.advance(TIMEOUT);
    await().atMost(Duration.ofSeconds(5)).until(sawInterrupt::get);
    ticker.advance(GRACE.minusMillis(1));
    assertThat(events.of(JobReleased.class)).as("not abandoned before the grace passed").isEmpty();
    ticker.advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.of(JobReleased.class).isEmpty());
    assertThat(worker.isStopping()).isTrue();
    assertThat(status).as("run() waits for the other job").isNotDone();
    slowGate.countDown();

    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_JOB_TIMEOUT);
    assertThat(slowDone).as("run() returned only after the other job settled").isTrue();
    assertThat(unstick).as("the stuck handler was still spinning").isFalse();
    assertThat(events.of(JobReleased.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.job().getId()).isEqualTo(stuckId);
            });
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(JobTimeoutException.class));
    assertThat(events.of(WorkerStopping.class))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Worker.EXIT_JOB_TIMEOUT));
    assertThat(connector.readyPayloads(QUEUE)).singleElement().asString().contains(stuckId);
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
    assertThat(worker.exitStatus()).isEqualTo(Worker.EXIT_JOB_TIMEOUT);
  }

  @Test
  void settlingAnAbandonedJobThatBlocksStopsTakingJobsAndKeepsTimingOutTheOthers()
      throws Exception {
    CountDownLatch failedGate = new CountDownLatch(1);
    CountDownLatch stuckRunning = new CountDownLatch(1);
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    registry.register(
        "StuckBlockingFailed",
        new org.thinkqueue.JobHandler<String>() {
          @Override
          public void fire(org.thinkqueue.Job job, String data) {
            stuckRunning.countDown();
            while (!unstick.get()) {
              if (Thread.interrupted()) {
                sawInterrupt.set(true); // and ignores it
              }
              Thread.onSpinWait();
            }
          }

          @Override
          public void failed(String data, Throwable cause) {
            try {
              failedGate.await(); // e.g. waits for a lock the stuck handler holds
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    CountDownLatch otherRunning = new CountDownLatch(1);
    AtomicBoolean otherInterrupted = new AtomicBoolean();
    registry.register(
        "Other",
        String.class,
        (job, data) -> {
          otherRunning.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            otherInterrupted.set(true);
            throw e;
          }
        });
    manager.push("StuckBlockingFailed", "d", QUEUE);
    manager.push("Other", "d", QUEUE, JobOptions.DEFAULT.withTimeout(TIMEOUT.multipliedBy(2)));
    Worker worker =
        build(worker().threads(2).tries(1).timeout(TIMEOUT).timeoutGrace(GRACE).ticker(ticker));

    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(worker::run, r -> new Thread(r).start());
    try {
      assertThat(stuckRunning.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(otherRunning.await(5, TimeUnit.SECONDS)).isTrue();
      ticker.advance(TIMEOUT);
      await().atMost(Duration.ofSeconds(5)).until(sawInterrupt::get);
      ticker.advance(GRACE);

      await()
          .atMost(Duration.ofSeconds(5))
          .alias("the stop is requested while failed() still blocks")
          .until(worker::isStopping);
      ticker.advance(TIMEOUT.minus(GRACE));
      await()
          .atMost(Duration.ofSeconds(5))
          .alias("the other job's timeout still fires while the abandoned one is being settled")
          .until(otherInterrupted::get);
      assertThat(status).isNotDone();
    } finally {
      failedGate.countDown();
    }
    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_JOB_TIMEOUT);
    assertThat(failedRecords()).hasSize(2);
  }
}
