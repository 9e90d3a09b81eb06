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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.FailedJob;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobOptions;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.ReservedJob;

/**
 * Max tries, release delays and back-off, jobs left reserved: think-queue's {@code Worker::process}
 * (ref. 7.3-7.5).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerRetryTest extends WorkerFixture {

  /** A handler that always throws, remembering what it saw and what failed() got. */
  static final class Throwing implements JobHandler<String> {
    final AtomicInteger fired = new AtomicInteger();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    final List<String> rawBodies = new CopyOnWriteArrayList<>();
    final List<RuntimeException> thrown = new CopyOnWriteArrayList<>();
    final List<Throwable> failedCauses = new CopyOnWriteArrayList<>();
    final List<String> failedData = new CopyOnWriteArrayList<>();

    @Override
    public void fire(Job job, String data) {
      fired.incrementAndGet();
      attempts.add(job.attempts());
      rawBodies.add(job.getRawBody());
      RuntimeException e = new IllegalStateException("boom at attempt " + job.attempts());
      thrown.add(e);
      throw e;
    }

    @Override
    public void failed(String data, Throwable cause) {
      failedData.add(data);
      failedCauses.add(cause);
    }
  }

  @Test
  void throwingJobIsReleasedBeforeItsLastTryAndFailedAtIt() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    String id = manager.push("Throwing", "payload-data", QUEUE);
    Worker worker = build(worker().tries(3));

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(handler.failedCauses).isEmpty();
    assertThat(failedRecords()).isEmpty();
    assertThat(events.of(JobReleased.class)).hasSize(2);
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));

    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.attempts).containsExactly(1, 2, 3);
    assertThat(handler.failedCauses).containsExactly(handler.thrown.get(2));
    assertThat(handler.failedData).containsExactly("payload-data");
    assertThat(events.of(JobFailed.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.exception()).isSameAs(handler.thrown.get(2));
              assertThat(e.job().getId()).isEqualTo(id);
              assertThat(e.job().hasFailed()).isTrue();
              assertThat(e.job().isDeleted()).isTrue();
            });
    assertThat(events.of(JobReleased.class)).hasSize(2);
    FailedJob record = failedRecords().get(0);
    assertThat(failedRecords()).hasSize(1);
    assertThat(record.payload())
        .isEqualTo(handler.rawBodies.get(2))
        .contains("payload-data")
        .contains(id);
    assertThat(record.queue()).isEqualTo(QUEUE);
    assertThat(record.connection()).isEqualTo("memory");
    assertThat(record.exception())
        .contains("IllegalStateException")
        .contains("boom at attempt 3")
        .contains("\tat " + Throwing.class.getName());
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(worker.runOnce()).isFalse();
  }

  @Test
  void jobBackWithMoreAttemptsThanTriesFailsBeforeRunning() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    String id = manager.push("Throwing", "d", QUEUE);
    // Two reservations that ended without an outcome (a worker crashed or timed out), as expiry
    // would leave them.
    for (int i = 0; i < 2; i++) {
      ReservedJob r = connector.pop(QUEUE, 1).get(0);
      connector.release(r, Duration.ZERO);
    }
    Worker worker = build(worker().tries(2));

    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.fired).hasValue(0);
    JobFailed failed = events.of(JobFailed.class).get(0);
    assertThat(failed.job().attempts()).isEqualTo(3);
    assertThat(failed.exception())
        .isInstanceOf(MaxAttemptsExceededException.class)
        .hasMessage(
            "Throwing has been attempted too many times or run too long. The job may have previously "
                + "timed out.");
    assertThat(failedRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.exception())
                  .contains(MaxAttemptsExceededException.class.getName())
                  .contains("has been attempted too many times or run too long");
              assertThat(r.payload()).contains(id);
            });
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void maxAttemptsExceededStillCallsTheHandlersFailed() {
    // think-queue's failJob() calls $job->failed($e) for MaxAttemptsExceededException too, so a job
    // whose last
    // attempt died with its worker still gets its failed() (to notify, compensate, ...).
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    connector.pop(QUEUE, 1);
    clock.advance(RETRY_AFTER.plusMillis(1));
    Worker worker = build(worker().tries(1));

    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.fired).hasValue(0);
    assertThat(handler.failedCauses)
        .singleElement()
        .isInstanceOf(MaxAttemptsExceededException.class);
    assertThat(handler.failedData).containsExactly("d");
  }

  @Test
  void expiredReservationComesBackAndIsFailedOnceOverTries() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    connector.pop(QUEUE, 1);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 1));
    clock.advance(RETRY_AFTER.plusMillis(1));
    Worker worker = build(worker().tries(1));

    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.fired).hasValue(0);
    assertThat(events.of(JobFailed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(MaxAttemptsExceededException.class));
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void triesZeroRetriesForever() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    Worker worker = build(worker().tries(0));

    for (int i = 0; i < 6; i++) {
      assertThat(worker.runOnce()).isTrue();
    }

    assertThat(handler.attempts).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(failedRecords()).isEmpty();
    assertThat(events.of(JobFailed.class)).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void payloadMaxTriesOverridesTheWorkersTries() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "once", QUEUE, JobOptions.maxTries(1));
    manager.push("Throwing", "thrice", QUEUE, JobOptions.maxTries(3));
    Worker worker = build(worker().tries(2));

    assertThat(worker.runOnce()).isTrue(); // "once" attempt 1 of 1: failed
    assertThat(handler.failedData).containsExactly("once");
    assertThat(worker.runOnce()).isTrue(); // "thrice" 1
    assertThat(worker.runOnce()).isTrue(); // "thrice" 2: the worker's tries(2) would fail it here
    assertThat(handler.failedData).containsExactly("once");
    assertThat(worker.runOnce()).isTrue(); // "thrice" 3: failed

    assertThat(handler.failedData).containsExactly("once", "thrice");
    assertThat(handler.attempts).containsExactly(1, 1, 2, 3);
    assertThat(failedRecords()).hasSize(2);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void payloadMaxTriesZeroRetriesForeverDespiteWorkerTries() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE, JobOptions.maxTries(0));
    Worker worker = build(worker().tries(1));

    for (int i = 0; i < 3; i++) {
      assertThat(worker.runOnce()).isTrue();
    }

    assertThat(handler.attempts).containsExactly(1, 2, 3);
    assertThat(failedRecords()).isEmpty();
  }

  @Test
  void delayPutsTheReleasedJobInTheDelayedSetUntilItIsDue() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    Worker worker = build(worker().tries(3).delay(Duration.ofSeconds(10)));

    assertThat(worker.runOnce()).isTrue();

    assertThat(connector.delayedPayloads(QUEUE)).hasSize(1);
    assertThat(connector.readyPayloads(QUEUE)).isEmpty();
    assertThat(events.of(JobReleased.class))
        .singleElement()
        .satisfies(e -> assertThat(e.delay()).isEqualTo(Duration.ofSeconds(10)));
    clock.advance(Duration.ofSeconds(9));
    assertThat(worker.runOnce()).isFalse();
    assertThat(handler.fired).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(handler.attempts).containsExactly(1, 2);
  }

  @Test
  void backoffUsesOneDelayPerAttemptAndRepeatsTheLast() {
    Throwing handler = new Throwing();
    registry.register("Throwing", handler);
    manager.push("Throwing", "d", QUEUE);
    Worker worker = build(worker().tries(0).backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)));

    assertThat(worker.runOnce()).isTrue(); // attempt 1 -> 1 s
    assertThat(connector.delayedPayloads(QUEUE)).hasSize(1);
    assertThat(worker.runOnce()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isTrue(); // attempt 2 -> 5 s
    clock.advance(Duration.ofSeconds(4));
    assertThat(worker.runOnce()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isTrue(); // attempt 3 -> 5 s again
    clock.advance(Duration.ofMillis(4999));
    assertThat(worker.runOnce()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(worker.runOnce()).isTrue();

    assertThat(handler.attempts).containsExactly(1, 2, 3, 4);
    assertThat(events.of(JobReleased.class))
        .extracting(JobReleased::delay)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void handlerReturningWithoutDeleteLeavesTheJobReservedUntilItExpires() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    registry.register("Forgetful", String.class, (job, data) -> attempts.add(job.attempts()));
    manager.push("Forgetful", "d", QUEUE);
    Worker worker = build(worker().tries(3));

    assertThat(worker.runOnce()).isTrue();

    assertThat(size()).isEqualTo(new QueueSize(0, 0, 1));
    assertThat(events.of(JobProcessed.class)).hasSize(1);
    assertThat(worker.runOnce()).isFalse();
    assertThat(attempts).containsExactly(1);

    clock.advance(RETRY_AFTER.plusMillis(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(attempts).containsExactly(1, 2);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 1));
  }

  @Test
  void handlerReturningWithoutDeleteRunsAgainAfterARealRetryAfter() {
    // On the real clock: no reservation extension may outlive the handler and keep the job reserved
    // for ever.
    MemoryConnector real =
        MemoryConnector.builder().retryAfter(org.thinkqueue.spi.Connector.MIN_RETRY_AFTER).build();
    var m =
        org.thinkqueue.QueueManager.builder().connection("real", real).registry(registry).build();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    registry.register("Forgetful", String.class, (job, data) -> attempts.add(job.attempts()));
    m.push("Forgetful", "d", QUEUE);
    Worker worker = build(worker().manager(m).tries(3));

    assertThat(worker.runOnce()).isTrue();
    assertThat(real.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 1));

    await()
        .atMost(Duration.ofSeconds(6))
        .pollInterval(Duration.ofMillis(50))
        .until(worker::runOnce);
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void simpleStyleHandlerDeletesOnReturn() {
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Simple", String.class, seen::add);
    manager.push("Simple", "hello", QUEUE);
    Worker worker = build(worker());

    assertThat(worker.runOnce()).isTrue();

    assertThat(seen).containsExactly("hello");
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(events.of(JobProcessed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.job().isDeleted()).isTrue());
  }

  @Test
  void failedThatThrowsStillRecordsAndDeletesTheJob() {
    registry.register(
        "BadFailed",
        new JobHandler<String>() {
          @Override
          public void fire(Job job, String data) {
            throw new IllegalStateException("handler broke");
          }

          @Override
          public void failed(String data, Throwable cause) {
            throw new IllegalArgumentException("failed() broke too");
          }
        });
    manager.push("BadFailed", "d", QUEUE);
    manager.push("BadFailed", "e", QUEUE);
    Worker worker = build(worker().tries(1));

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();

    assertThat(failedRecords())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.exception()).contains("handler broke"));
    assertThat(events.of(JobFailed.class)).hasSize(2);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }
}
