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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobTimeoutException;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobReleased;

/**
 * A handler's {@link JobPolicy} on a worker: its tries, timeout and back-off between the payload's
 * and the worker's; a retry deadline in place of the count; an exception limit; fail-fast
 * exceptions. The worker's wall clock and the store's are the fixture's {@link MutableClock}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerRetryPolicyTest extends WorkerFixture {
  private final AtomicInteger runs = new AtomicInteger();

  private Worker.Builder policyWorker() {
    return worker().clock(clock);
  }

  private void alwaysThrowing(String name, JobPolicy policy) {
    registry.register(
        name,
        String.class,
        (job, data) -> {
          runs.incrementAndGet();
          throw new IllegalStateException("boom " + job.attempts());
        },
        policy);
  }

  /** Runs the queue until it is empty; returns how many attempts ran. */
  private int drain(Worker worker) {
    int n = 0;
    while (worker.runOnce()) {
      n++;
      assertThat(n).as("attempts").isLessThan(50);
    }
    return n;
  }

  @Test
  void theHandlersTriesWinOverTheWorkersAndThePayloadsWinOverTheHandlers() {
    alwaysThrowing("Boom", JobPolicy.builder().tries(2).build());
    Worker worker = build(policyWorker().tries(5));

    manager.push("Boom", "handler's", QUEUE);
    assertThat(drain(worker)).as("the handler's 2 tries, not the worker's 5").isEqualTo(2);
    assertThat(failedRecords()).hasSize(1);

    runs.set(0);
    manager.push("Boom", "payload's", QUEUE, JobOptions.maxTries(4));
    assertThat(drain(worker)).as("the payload's maxTries, not the handler's 2").isEqualTo(4);
    assertThat(failedRecords()).hasSize(2);
  }

  @Test
  void aHandlerWithoutTriesGetsTheWorkers() {
    alwaysThrowing("Boom", JobPolicy.builder().maxExceptions(50).build());
    Worker worker = build(policyWorker().tries(3));

    manager.push("Boom", "d", QUEUE);
    assertThat(drain(worker)).isEqualTo(3);
  }

  @Test
  void theHandlersBackoffWinsOverTheWorkers() {
    alwaysThrowing(
        "Boom", JobPolicy.builder().backoff(Backoff.fixed(Duration.ofSeconds(7))).build());
    Worker worker = build(policyWorker().tries(3).backoff(Backoff.NONE));
    manager.push("Boom", "d", QUEUE);

    assertThat(worker.runOnce()).isTrue();
    assertThat(events.of(JobReleased.class))
        .singleElement()
        .satisfies(r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(7)));
    assertThat(size()).isEqualTo(new QueueSize(0, 1, 0));
    clock.advance(Duration.ofSeconds(6));
    assertThat(worker.runOnce()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isTrue();
  }

  @Test
  void theHandlersTimeoutWinsOverTheWorkers() throws Exception {
    ManualTicker ticker = new ManualTicker();
    CountDownLatch running = new CountDownLatch(1);
    registry.register(
        "Slow",
        String.class,
        (job, data) -> {
          running.countDown();
          new CountDownLatch(1).await();
        },
        JobPolicy.builder().timeout(Duration.ofSeconds(10)).build());
    manager.push("Slow", "d", QUEUE);
    Worker worker = build(policyWorker().tries(3).timeout(Duration.ofMinutes(5)).ticker(ticker));

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.advance(Duration.ofSeconds(10));

    assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(JobTimeoutException.class));
  }

  @Test
  void aPermanentExceptionFailsTheJobAtOnceWithItsCallbackAndEvent() {
    List<Throwable> callbacks = new CopyOnWriteArrayList<>();
    registry.register(
        "Shopify",
        String.class,
        new org.thinkqueue.JobHandler<String>() {
          @Override
          public void fire(org.thinkqueue.Job job, String data) {
            runs.incrementAndGet();
            throw new IllegalStateException(
                "wrapped", new IllegalArgumentException("HTTP 422 from the API"));
          }

          @Override
          public void failed(String data, Throwable cause) {
            callbacks.add(cause);
          }

          @Override
          public JobPolicy policy() {
            return JobPolicy.builder().tries(10).failFastOn(IllegalArgumentException.class).build();
          }
        });
    manager.push("Shopify", "d", QUEUE);
    Worker worker = build(policyWorker());

    assertThat(drain(worker)).as("no retry: the cause is permanent").isEqualTo(1);
    assertThat(failedRecords()).singleElement();
    assertThat(callbacks).singleElement().isInstanceOf(IllegalStateException.class);
    assertThat(events.of(JobFailed.class)).hasSize(1);
    assertThat(events.of(JobReleased.class)).isEmpty();
  }

  @Test
  void anExceptionNotDeclaredPermanentIsRetried() {
    alwaysThrowing(
        "Boom", JobPolicy.builder().tries(3).failFastOn(IllegalArgumentException.class).build());
    manager.push("Boom", "d", QUEUE);

    assertThat(drain(build(policyWorker()))).isEqualTo(3);
  }

  @Test
  void maxExceptionsFailsWithTriesLeftAndTheCountTravelsInThePayload() {
    alwaysThrowing("Boom", JobPolicy.builder().tries(10).maxExceptions(3).build());
    manager.push("Boom", "d", QUEUE);
    Worker worker = build(policyWorker());

    assertThat(worker.runOnce()).isTrue();
    assertThat(Payload.parse(connector.readyPayloads(QUEUE).get(0)).field("exceptions"))
        .hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(failedRecords()).isEmpty();
    assertThat(worker.runOnce()).isTrue();
    assertThat(failedRecords()).as("failed at the 3rd exception, 7 tries left").hasSize(1);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void releasesAndSnoozesByTheHandlerDoNotCountAsExceptions() {
    registry.register(
        "Flaky",
        String.class,
        (job, data) -> {
          int run = runs.incrementAndGet();
          if (run == 1) {
            job.release(0);
          } else if (run == 2) {
            job.snooze(Duration.ZERO);
          } else {
            throw new IllegalStateException("boom at run " + run);
          }
        },
        JobPolicy.builder().tries(0).maxExceptions(2).build());
    manager.push("Flaky", "d", QUEUE);

    assertThat(drain(build(policyWorker()))).isEqualTo(4);
    assertThat(failedRecords())
        .singleElement()
        .satisfies(f -> assertThat(f.exception()).contains("boom at run 4"));
  }

  @Test
  void thePayloadsTimeoutAtReplacesTheCount() {
    alwaysThrowing("Boom", JobPolicy.WORKER_DEFAULTS);
    Instant deadline = clock.instant().plus(Duration.ofMinutes(10));
    manager.push("Boom", "d", QUEUE, JobOptions.retryUntil(deadline).withMaxTries(1));
    Worker worker = build(policyWorker().tries(1));

    assertThat(worker.runOnce()).isTrue();
    assertThat(failedRecords()).as("tries 1, but the deadline is ahead").isEmpty();
    clock.advance(Duration.ofMinutes(9));
    assertThat(worker.runOnce()).isTrue();
    assertThat(failedRecords()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(worker.runOnce()).as("now == timeoutAt: it runs, throws, and fails").isTrue();
    assertThat(runs).hasValue(3);
    assertThat(failedRecords()).hasSize(1);
  }

  @Test
  void aJobThatComesBackAfterItsDeadlineFailsBeforeRunning() {
    alwaysThrowing("Boom", JobPolicy.WORKER_DEFAULTS);
    Instant deadline = clock.instant().plus(Duration.ofMinutes(10));
    manager.push("Boom", "d", QUEUE, JobOptions.retryUntil(deadline));
    Worker worker = build(policyWorker());

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(runs).hasValue(0);
    assertThat(events.of(JobFailed.class))
        .singleElement()
        .satisfies(f -> assertThat(f.exception()).isInstanceOf(MaxAttemptsExceededException.class));
  }

  @Test
  void aProducerThatKnowsTheRetryForStampsTimeoutAtFromWhenTheJobIsDue() {
    alwaysThrowing("Boom", JobPolicy.builder().retryFor(Duration.ofHours(1)).build());
    long before = Instant.now().getEpochSecond();
    manager.later(Duration.ofMinutes(5), "Boom", "d", QUEUE);
    long after = Instant.now().getEpochSecond();

    long timeoutAt =
        Payload.parse(connector.delayedPayloads(QUEUE).get(0)).timeoutAt().orElseThrow();
    assertThat(timeoutAt).isBetween(before + 3900, after + 3900);
  }

  @Test
  void theWorkerStampsTheRetryWindowOfAJobPushedWithoutItOnItsFirstRelease() {
    alwaysThrowing("Boom", JobPolicy.builder().retryFor(Duration.ofHours(1)).build());
    // A producer without the registry (as PHP): the payload has no timeoutAt.
    QueueManager php = QueueManager.builder().connection("memory", connector).build();
    php.push("Boom", "d", QUEUE);
    assertThat(Payload.parse(connector.readyPayloads(QUEUE).get(0)).timeoutAt()).isEmpty();
    long firstStart = clock.instant().getEpochSecond();
    Worker worker = build(policyWorker().tries(1));

    assertThat(worker.runOnce()).isTrue();
    assertThat(failedRecords()).as("tries 1, replaced by the window").isEmpty();
    assertThat(Payload.parse(connector.readyPayloads(QUEUE).get(0)).timeoutAt())
        .hasValue(firstStart + 3600);

    clock.advance(Duration.ofMinutes(30));
    assertThat(worker.runOnce()).isTrue();
    assertThat(Payload.parse(connector.readyPayloads(QUEUE).get(0)).timeoutAt())
        .as("kept from the first attempt, not moved by the second")
        .hasValue(firstStart + 3600);

    clock.advance(Duration.ofMinutes(31));
    assertThat(worker.runOnce()).isTrue();
    assertThat(runs).as("past the window: failed before running").hasValue(2);
    assertThat(failedRecords()).hasSize(1);
  }

  @Test
  void aPayloadsMaxTriesWinsOverTheHandlersRetryFor() {
    alwaysThrowing("Boom", JobPolicy.builder().retryFor(Duration.ofHours(1)).build());
    QueueManager php = QueueManager.builder().connection("memory", connector).build();
    php.push("Boom", "d", QUEUE, JobOptions.maxTries(2));

    assertThat(drain(build(policyWorker()))).isEqualTo(2);
    assertThat(Payload.parse(failedRecords().get(0).payload()).timeoutAt()).isEmpty();
  }
}
