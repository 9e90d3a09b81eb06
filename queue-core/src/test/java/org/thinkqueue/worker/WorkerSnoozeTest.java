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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.JobSnoozed;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;

/** {@code Job.snooze}: back later with the attempt given back, and its own event. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerSnoozeTest extends WorkerFixture {
  private final List<JobSnoozed> snoozes = new CopyOnWriteArrayList<>();
  private final List<Integer> attempts = new CopyOnWriteArrayList<>();
  private final WorkerListener snoozeEvents =
      new WorkerListener() {
        @Override
        public void onJobSnoozed(JobSnoozed event) {
          snoozes.add(event);
        }
      };

  /** Snoozes for {@code delay} on its first {@code times} runs, then deletes the job. */
  private void snoozing(JobRegistry jobs, int times, Duration delay) {
    jobs.register(
        "Waiting",
        String.class,
        (job, data) -> {
          attempts.add(job.attempts());
          if (attempts.size() <= times) {
            job.snooze(delay);
          } else {
            job.delete();
          }
        });
  }

  @Test
  void theNextAttemptSeesTheSameAttemptNumberAndASnoozeFiresItsOwnEvent() {
    snoozing(registry, 3, Duration.ZERO);
    manager.push("Waiting", "d", QUEUE);
    Worker worker = build(worker().tries(1).listener(snoozeEvents));

    for (int i = 0; i < 4; i++) {
      assertThat(worker.runOnce()).isTrue();
    }
    assertThat(attempts).containsExactly(1, 1, 1, 1);
    assertThat(snoozes)
        .hasSize(3)
        .allSatisfy(
            s -> {
              assertThat(s.attemptRefunded()).isTrue();
              assertThat(s.delay()).isZero();
              assertThat(s.job().isReleased()).isTrue();
            });
    assertThat(events.of(JobReleased.class)).as("not a worker release").isEmpty();
    assertThat(failedRecords()).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aSnoozedJobWaitsForItsDelay() {
    snoozing(registry, 1, Duration.ofSeconds(20));
    manager.push("Waiting", "d", QUEUE);
    Worker worker = build(worker().listener(snoozeEvents));

    assertThat(worker.runOnce()).isTrue();
    assertThat(size()).isEqualTo(new QueueSize(0, 1, 0));
    clock.advance(Duration.ofSeconds(19));
    assertThat(worker.runOnce()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(worker.runOnce()).isTrue();
    assertThat(attempts).containsExactly(1, 1);
  }

  @Test
  void onTheV1FormatTooTheAttemptIsGivenBack() {
    MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).clock(clock).build();
    JobRegistry jobs = new JobRegistry();
    snoozing(jobs, 2, Duration.ZERO);
    try (QueueManager m =
            QueueManager.builder()
                .connection("v1", v1)
                .registry(jobs)
                .failedJobStore(new MemoryFailedJobStore())
                .build();
        Worker worker = Worker.builder().manager(m).queues(QUEUE).tries(1).build()) {
      m.push("Waiting", "d", QUEUE);
      for (int i = 0; i < 3; i++) {
        assertThat(worker.runOnce()).isTrue();
      }
    }
    assertThat(attempts).containsExactly(1, 1, 1);
  }

  @Test
  void aSnoozeKeepsTheRetryDeadlineTheWorkerStamped() {
    registry.register(
        "Windowed",
        String.class,
        (job, data) -> {
          attempts.add(job.attempts());
          job.snooze(Duration.ZERO);
        },
        JobPolicy.builder().retryFor(Duration.ofMinutes(10)).build());
    QueueManager.builder().connection("memory", connector).build().push("Windowed", "d", QUEUE);
    long start = clock.instant().getEpochSecond();
    Worker worker = build(worker().clock(clock));

    assertThat(worker.runOnce()).isTrue();
    assertThat(Payload.parse(connector.readyPayloads(QUEUE).get(0)).timeoutAt())
        .hasValue(start + 600);
  }

  @Test
  void onAConnectorThatCannotRescheduleASnoozeIsAReleaseWithTheAttemptCounted() {
    MemoryConnector store = MemoryConnector.builder().clock(clock).build();
    ForwardingConnector plain = new ForwardingConnector(store) {};
    JobRegistry jobs = new JobRegistry();
    snoozing(jobs, 2, Duration.ZERO);
    try (CapturedLog log = new CapturedLog();
        QueueManager m =
            QueueManager.builder()
                .connection("plain", plain)
                .registry(jobs)
                .failedJobStore(new MemoryFailedJobStore())
                .build();
        Worker worker =
            Worker.builder().manager(m).queues(QUEUE).tries(5).listener(snoozeEvents).build()) {
      m.push("Waiting", "d", QUEUE);
      for (int i = 0; i < 3; i++) {
        assertThat(worker.runOnce()).isTrue();
      }
      assertThat(log.lines("cannot reschedule jobs")).hasSize(1);
    }
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(snoozes).hasSize(2).allSatisfy(s -> assertThat(s.attemptRefunded()).isFalse());
  }

  @Test
  void aSnoozeAfterTheJobWasSettledIsANoOpAndANegativeDelayIsRefused() {
    List<Throwable> refused = new CopyOnWriteArrayList<>();
    registry.register(
        "Settled",
        String.class,
        (job, data) -> {
          try {
            job.snooze(Duration.ofSeconds(-1));
          } catch (IllegalArgumentException e) {
            refused.add(e);
          }
          job.delete();
          job.snooze(Duration.ZERO);
        });
    manager.push("Settled", "d", QUEUE);
    Worker worker = build(worker().listener(snoozeEvents));

    assertThat(worker.runOnce()).isTrue();
    assertThat(refused).hasSize(1);
    assertThat(snoozes).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void snoozeRefusesANullDelay() {
    registry.register(
        "Null",
        String.class,
        (job, data) -> {
          assertThatThrownBy(() -> job.snooze(null)).isInstanceOf(IllegalArgumentException.class);
          job.delete();
        });
    manager.push("Null", "d", QUEUE);

    assertThat(build().runOnce()).isTrue();
    assertThat(events.of(org.thinkqueue.event.JobExceptionOccurred.class)).isEmpty();
  }
}
