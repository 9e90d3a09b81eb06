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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.event.WorkerStopping;

/**
 * The loop: stop and drain, priority, batch reservation, max jobs, once, restart signal, thread
 * names.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerLifecycleTest extends WorkerFixture {

  @Test
  void stopLetsJobsFinishWithinTheGraceReleasesTheRestAtOnceAndReservesNothingMore() {
    CountDownLatch bothRunning = new CountDownLatch(2);
    AtomicInteger quickRuns = new AtomicInteger();
    AtomicBoolean quickDone = new AtomicBoolean();
    AtomicBoolean hangInterrupted = new AtomicBoolean();
    CountDownLatch quickGate = new CountDownLatch(1);
    registry.register(
        "Quick",
        String.class,
        (job, data) -> {
          quickRuns.incrementAndGet();
          bothRunning.countDown();
          quickGate
              .await(); // finishes within the grace: the test opens the gate after stop() began
          job.delete();
          quickDone.set(true);
        });
    registry.register(
        "Hang",
        String.class,
        (job, data) -> {
          bothRunning.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            hangInterrupted.set(true);
          }
        });
    String quickId = manager.push("Quick", "1", QUEUE);
    String hangId = manager.push("Hang", "2", QUEUE);
    String waitingId = manager.push("Quick", "3", QUEUE);
    ManualTicker ticker = new ManualTicker();
    Worker worker = build(worker().threads(2).tries(3).ticker(ticker));
    worker.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> bothRunning.getCount() == 0);
    Thread poll = events.pollThread;

    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> worker.stop(Duration.ofMillis(700)), r -> new Thread(r).start());
    await().atMost(Duration.ofSeconds(5)).until(worker::isStopping);
    quickGate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(quickDone::get);
    // The grace is measured on the worker's ticker, which has not moved: the hanging job is still
    // waited for.
    assertThat(events.of(JobReleased.class)).isEmpty();
    assertThat(hangInterrupted).isFalse();

    ticker.advance(Duration.ofMillis(700));
    assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));

    assertThat(quickDone)
        .as("the job that finished within the grace was deleted by its handler")
        .isTrue();
    assertThat(quickRuns).as("no job was reserved after stop").hasValue(1);
    // Released on stop, not after retryAfter: the connector's clock has not moved, so nothing
    // expired.
    assertThat(size()).isEqualTo(new QueueSize(2, 0, 0));
    assertThat(connector.readyPayloads(QUEUE))
        .anySatisfy(p -> assertThat(p).contains(hangId))
        .anySatisfy(p -> assertThat(p).contains(waitingId))
        .noneSatisfy(p -> assertThat(p).contains(quickId));
    assertThat(events.of(JobReleased.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.job().getId()).isEqualTo(hangId);
              assertThat(e.delay()).isZero();
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> hangInterrupted.get() && !poll.isAlive());
    assertThat(worker.isStopping()).isTrue();

    assertThatCode(
            () -> {
              worker.close();
              worker.close();
              worker.stop(Duration.ZERO);
            })
        .doesNotThrowAnyException();
    assertThat(events.of(WorkerStopping.class))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Worker.EXIT_OK));
    assertThat(size()).isEqualTo(new QueueSize(2, 0, 0));
  }

  @Test
  void closeOfAWorkerThatNeverRanIsIdempotent() {
    Worker worker = build();

    worker.close();
    worker.close();

    assertThat(worker.isStopping()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(worker::run)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void queuesAreWorkedInPriorityOrder() {
    List<String> order = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, order::add);
    for (int i = 1; i <= 3; i++) {
      manager.push("Record", "low" + i, "low");
    }
    for (int i = 1; i <= 3; i++) {
      manager.push("Record", "high" + i, "high");
    }
    Worker worker = build(worker().queues("high", "low").threads(1).maxJobs(6));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(order).containsExactly("high1", "high2", "high3", "low1", "low2", "low3");
  }

  @Test
  void maxJobsStopsRunAfterThatManyJobs() {
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, seen::add);
    for (int i = 1; i <= 3; i++) {
      manager.push("Record", "j" + i, QUEUE);
    }
    Worker worker = build(worker().threads(2).maxJobs(2));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seen).hasSize(2);
    assertThat(worker.processedJobs()).isEqualTo(2);
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void onceProcessesOneJobAndReturns() {
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, seen::add);
    manager.push("Record", "a", QUEUE);
    manager.push("Record", "b", QUEUE);
    Worker worker = build(worker().threads(4).once(true));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seen).containsExactly("a");
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void onceOnEmptyQueuesReturnsAfterSleeping() {
    Worker worker = build(worker().once(true));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);
    assertThat(worker.processedJobs()).isZero();
  }

  @Test
  void jobsAreReservedInBatchesUpToTheThreadCountAndRunConcurrently() {
    CountDownLatch allRunning = new CountDownLatch(4);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    registry.handle(
        "Slow",
        String.class,
        data -> {
          runs.incrementAndGet();
          allRunning.countDown();
          gate.await();
        });
    for (int i = 0; i < 5; i++) {
      manager.push("Slow", "s" + i, QUEUE);
    }
    Worker worker = build(worker().threads(4));
    worker.start();

    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> allRunning.getCount() == 0);
      assertThat(size()).isEqualTo(new QueueSize(1, 0, 4));
      assertThat(runs).hasValue(4);
    } finally {
      gate.countDown();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> size().equals(new QueueSize(0, 0, 0)));
    assertThat(runs).hasValue(5);
  }

  @Test
  void restartSignalStopsARunningWorker() throws Exception {
    registry.handle("Record", String.class, data -> {});
    Worker worker = build(worker().sleep(Duration.ofMillis(100)));
    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(worker::run);
    // The worker takes its baseline of the signal before it fires WorkerStarted.
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.of(WorkerStarted.class).isEmpty());

    connector.signalRestart();

    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    assertThat(events.of(WorkerStopping.class))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Worker.EXIT_OK));
  }

  @Test
  void jobThreadsAreNamedQueueWorkerN() {
    List<String> names = new CopyOnWriteArrayList<>();
    registry.handle("Name", String.class, data -> names.add(Thread.currentThread().getName()));
    manager.push("Name", "a", QUEUE);
    Worker worker = build();

    assertThat(worker.runOnce()).isTrue();

    assertThat(names).singleElement().asString().matches("queue-worker-\\d+");
  }

  @Test
  void anInjectedThreadFactoryMakesTheJobThreads() {
    List<String> names = new CopyOnWriteArrayList<>();
    registry.handle("Name", String.class, data -> names.add(Thread.currentThread().getName()));
    manager.push("Name", "a", QUEUE);
    AtomicInteger made = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "custom-job-" + made.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    Worker worker = build(worker().threadFactory(factory));

    assertThat(worker.runOnce()).isTrue();

    assertThat(made).hasValue(1);
    assertThat(names).containsExactly("custom-job-1");
  }
}
