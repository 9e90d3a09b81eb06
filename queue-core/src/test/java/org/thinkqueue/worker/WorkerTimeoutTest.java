package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A handler past its timeout is interrupted; one that ignores the interrupt stops the worker with its own status. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerTimeoutTest extends WorkerFixture {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** Lets a handler that ignores interrupts end, so no spinning thread outlives the test. */
  private final AtomicBoolean unstick = new AtomicBoolean();

  @AfterEach
  void unstick() {
    unstick.set(true);
  }

  @Test
  void handlerPastItsTimeoutIsInterruptedAndReleased() {
    AtomicBoolean interrupted = new AtomicBoolean();
    registry.register("Sleeper", String.class, (job, data) -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
      job.delete();
    });
    manager.push("Sleeper", "d", QUEUE);
    Worker worker = build(worker().tries(3).timeout(TIMEOUT));

    long start = System.nanoTime();
    assertThat(worker.runOnce()).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(interrupted).isTrue();
    assertThat(events.of(JobExceptionOccurred.class)).singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(JobTimeoutException.class));
    assertThat(events.of(JobReleased.class)).hasSize(1);
    assertThat(failedRecords()).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void handlerPastItsTimeoutAtItsLastTryIsFailed() {
    List<Throwable> failedCauses = new CopyOnWriteArrayList<>();
    registry.register("Sleeper", new org.thinkqueue.JobHandler<String>() {
      @Override
      public void fire(org.thinkqueue.Job job, String data) throws Exception {
        Thread.sleep(10_000);
      }

      @Override
      public void failed(String data, Throwable cause) {
        failedCauses.add(cause);
      }
    });
    manager.push("Sleeper", "d", QUEUE);
    Worker worker = build(worker().tries(1).timeout(TIMEOUT));

    assertThat(worker.runOnce()).isTrue();

    assertThat(failedCauses).singleElement().isInstanceOf(JobTimeoutException.class);
    assertThat(failedRecords()).singleElement()
        .satisfies(r -> assertThat(r.exception()).contains(JobTimeoutException.class.getName()));
    assertThat(events.of(JobReleased.class)).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void handlerIgnoringTheInterruptStopsTheWorkerWithJobTimeoutStatusAfterOthersSettle() throws Exception {
    CountDownLatch stuckRunning = new CountDownLatch(1);
    AtomicInteger spins = new AtomicInteger();
    registry.register("Stuck", String.class, (job, data) -> {
      stuckRunning.countDown();
      while (!unstick.get()) {
        spins.incrementAndGet();
        Thread.onSpinWait();
      }
    });
    AtomicBoolean slowDone = new AtomicBoolean();
    registry.register("Slow", String.class, (job, data) -> {
      // Outlives the stuck job's timeout plus grace, so run() has to wait for it.
      Thread.sleep(1_200);
      job.delete();
      slowDone.set(true);
    });
    String stuckId = manager.push("Stuck", "d", QUEUE);
    manager.push("Slow", "d", QUEUE, JobOptions.DEFAULT.withTimeout(Duration.ofSeconds(5)));
    Worker worker = build(worker().threads(2).tries(3).timeout(TIMEOUT).timeoutGrace(Duration.ofMillis(300)));

    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(worker::run);

    assertThat(stuckRunning.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_JOB_TIMEOUT);
    assertThat(slowDone).as("run() returned only after the other job settled").isTrue();
    assertThat(unstick).as("the stuck handler was still spinning").isFalse();
    assertThat(events.of(JobReleased.class)).singleElement().satisfies(e -> {
      assertThat(e.job().getId()).isEqualTo(stuckId);
    });
    assertThat(events.of(JobExceptionOccurred.class)).singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(JobTimeoutException.class));
    assertThat(events.of(WorkerStopping.class)).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Worker.EXIT_JOB_TIMEOUT));
    assertThat(connector.readyPayloads(QUEUE)).singleElement().asString().contains(stuckId);
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
    assertThat(worker.exitStatus()).isEqualTo(Worker.EXIT_JOB_TIMEOUT);
  }
}
