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
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.Job;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.Reschedules;
import org.thinkqueue.worker.Backoff;
import org.thinkqueue.worker.Worker;

/**
 * What a driver's {@link Reschedules} must keep in the store, checked through a real {@link
 * Worker}: a snoozed job's next attempt has the same attempt number; the worker's count of thrown
 * exceptions ({@code maxExceptions}) and the retry deadline it stamps ({@code retryFor}) survive a
 * release through the store; and a plain job released by its handler comes back with every byte of
 * its payload but the attempt count as it was. A driver test subclasses it once per backend and
 * wire format.
 *
 * <p>Each test gets one connector from {@link #createConnector()}, a worker on it whose wall clock
 * (for retry deadlines) is a {@link MutableClock} the test moves, and a failed-job store in memory.
 * The store's own time is real; the tests release with no delay, so nothing waits for it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RetryPolicyContract {
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final MutableClock clock = MutableClock.atEpochSecond(Instant.now().getEpochSecond());
  private final List<JobFailed> failures = new CopyOnWriteArrayList<>();
  private Connector connector;
  private QueueManager producer;
  private String queue;

  /**
   * A new connector of the driver under test, implementing {@link Reschedules}, with a reservation
   * timeout of a minute or more (no reservation should expire during a test). Called once per test,
   * on the test thread; the contract closes it.
   *
   * @return a new, open connector
   */
  protected abstract Connector createConnector();

  /**
   * A queue name unique to the test. Override to shape it (a Redis Cluster hash tag, say).
   *
   * @return a valid queue name no other test uses
   */
  protected String newQueueName() {
    return "pol_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Runs after every worker, manager and connector of the test is closed: drop tables, delete keys.
   * Does nothing by default.
   *
   * @throws Exception if cleaning up fails
   */
  protected void cleanUp() throws Exception {}

  @AfterEach
  void closeEverything() throws Exception {
    try {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (RuntimeException e) {
          // closed already
        }
      }
      closeables.clear();
    } finally {
      cleanUp();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** A worker with {@code registry} on this test's connector; pushes go through {@link #push}. */
  private Worker worker(JobRegistry registry, int tries) {
    if (connector == null) {
      connector = track(createConnector());
      assertThat(connector).as("the connector under test").isInstanceOf(Reschedules.class);
      queue = newQueueName();
      // A producer without the registry, as PHP: it writes no field the policies would add.
      producer = track(QueueManager.builder().connection("policy", connector).build());
    }
    QueueManager manager =
        track(
            QueueManager.builder()
                .connection("policy", connector)
                .registry(registry)
                .failedJobStore(new MemoryFailedJobStore())
                .build());
    return track(
        Worker.builder()
            .manager(manager)
            .queues(queue)
            .tries(tries)
            .backoff(Backoff.NONE)
            .sleep(Duration.ofMillis(50))
            .stopGrace(Duration.ofSeconds(2))
            .clock(clock)
            .listener(
                new WorkerListener() {
                  @Override
                  public void onJobFailed(JobFailed event) {
                    failures.add(event);
                  }
                })
            .build());
  }

  private void push(String job) {
    producer.push(job, "data-" + queue, queue);
  }

  private static String withoutAttempts(String raw) {
    return raw.replaceFirst("\"attempts\":\\d+}$", "\"attempts\":N}");
  }

  @Test
  void aSnoozedJobsNextAttemptHasTheSameAttemptNumber() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Waiting",
                    String.class,
                    (job, data) -> {
                      attempts.add(job.attempts());
                      switch (attempts.size()) {
                        case 1, 2 -> job.snooze(Duration.ZERO);
                        case 3 -> job.release(0);
                        default -> job.delete();
                      }
                    }),
            2);
    push("Waiting");

    for (int i = 0; i < 4; i++) {
      assertThat(worker.runOnce()).as("run " + (i + 1)).isTrue();
    }
    assertThat(attempts)
        .as("snoozes give the attempt back; a release counts it")
        .containsExactly(1, 1, 1, 2);
    assertThat(failures).isEmpty();
    assertThat(producer.size(queue)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aSnoozedJobWaitsForItsDelayInTheStore() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Waiting",
                    String.class,
                    (job, data) -> {
                      attempts.add(job.attempts());
                      if (attempts.size() == 1) {
                        job.snooze(Duration.ofSeconds(3));
                      } else {
                        job.delete();
                      }
                    }),
            1);
    push("Waiting");

    assertThat(worker.runOnce()).isTrue();
    // Whole-second stores make it due 2 to 3 s from now: not yet.
    assertThat(worker.runOnce()).as("snoozed for 3 s").isFalse();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(worker::runOnce);
    assertThat(attempts).containsExactly(1, 1);
  }

  @Test
  void theExceptionCountSurvivesAReleaseThroughTheStore() {
    AtomicInteger runs = new AtomicInteger();
    List<String> bodies = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Flaky",
                    String.class,
                    (job, data) -> {
                      runs.incrementAndGet();
                      bodies.add(job.getRawBody());
                      throw new IllegalStateException("remote API down");
                    },
                    JobPolicy.builder().tries(10).maxExceptions(2).build()),
            3);
    push("Flaky");

    assertThat(worker.runOnce()).isTrue();
    assertThat(failures).as("1 exception of at most 2").isEmpty();
    assertThat(worker.runOnce()).isTrue();
    assertThat(runs).hasValue(2);
    assertThat(failures).as("the 2nd exception fails it, 8 tries left").hasSize(1);
    assertThat(producer.size(queue)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(withoutAttempts(bodies.get(1)).replace(",\"exceptions\":1", ""))
        .as("the count is the only field the worker added")
        .isEqualTo(withoutAttempts(bodies.get(0)));
  }

  @Test
  void aRetryDeadlineTheWorkerStampedSurvivesTheRelease() {
    List<OptionalLong> deadlines = new CopyOnWriteArrayList<>();
    List<String> bodies = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Windowed",
                    String.class,
                    (job, data) -> {
                      deadlines.add(job.payload().timeoutAt());
                      bodies.add(job.getRawBody());
                      throw new IllegalStateException("not yet");
                    },
                    JobPolicy.builder().retryFor(Duration.ofHours(1)).build()),
            1);
    push("Windowed");
    long firstStart = clock.instant().getEpochSecond();

    assertThat(worker.runOnce()).isTrue();
    assertThat(failures).as("tries 1, replaced by the hour's window").isEmpty();
    clock.advance(Duration.ofMinutes(30));
    assertThat(worker.runOnce()).isTrue();
    assertThat(failures).isEmpty();
    assertThat(deadlines).containsExactly(OptionalLong.empty(), OptionalLong.of(firstStart + 3600));
    assertThat(withoutAttempts(bodies.get(1)).replace(",\"timeoutAt\":" + (firstStart + 3600), ""))
        .as("the deadline is the only field the worker added")
        .isEqualTo(withoutAttempts(bodies.get(0)));

    clock.advance(Duration.ofMinutes(31));
    assertThat(worker.runOnce()).isTrue();
    assertThat(deadlines).as("past the deadline it does not run again").hasSize(2);
    assertThat(failures)
        .singleElement()
        .satisfies(f -> assertThat(f.exception()).isInstanceOf(MaxAttemptsExceededException.class));
    assertThat(producer.size(queue)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aSnoozeKeepsTheStampedDeadlineAndTheAttempt() {
    List<Job> seen = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Windowed",
                    String.class,
                    (job, data) -> {
                      seen.add(job);
                      if (seen.size() == 1) {
                        job.snooze(Duration.ZERO);
                      } else {
                        job.delete();
                      }
                    },
                    JobPolicy.builder().retryFor(Duration.ofMinutes(5)).build()),
            3);
    push("Windowed");
    long firstStart = clock.instant().getEpochSecond();

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).attempts()).isEqualTo(seen.get(0).attempts());
    assertThat(seen.get(1).payload().timeoutAt()).hasValue(firstStart + 300);
  }

  @Test
  void aPlainJobReleasedByItsHandlerKeepsEveryByteButItsAttempts() {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Worker worker =
        worker(
            new JobRegistry()
                .register(
                    "Plain",
                    String.class,
                    (job, data) -> {
                      bodies.add(job.getRawBody());
                      attempts.add(job.attempts());
                      if (bodies.size() == 1) {
                        job.release(0);
                      } else {
                        job.delete();
                      }
                    }),
            3);
    push("Plain");

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(attempts).containsExactly(1, 2);
    assertThat(withoutAttempts(bodies.get(1))).isEqualTo(withoutAttempts(bodies.get(0)));
    assertThat(bodies.get(1)).doesNotContain("\"exceptions\"").doesNotContain("\"timeoutAt\"");
  }
}
