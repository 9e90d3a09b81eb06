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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.FailedJob;
import org.thinkqueue.Job;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.ReservedJob;

/**
 * Broken reservations (no id, an id() that throws, no job name, no body, no queue) and payloads
 * over the read limit are failed into the store with the reason: nothing on the failure path
 * throws, and the worker goes on.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerPoisonPayloadTest extends WorkerFixture {
  private final HandMade handMade = new HandMade();
  private final MemoryFailedJobStore handMadeStore = new MemoryFailedJobStore();
  private final QueueManager handMadeManager =
      QueueManager.builder()
          .connection("handmade", handMade)
          .registry(registry)
          .failedJobStore(handMadeStore)
          .build();

  /** What every listener call could read of its job; a call that threw would be missing. */
  private final List<String> seenByListeners = new CopyOnWriteArrayList<>();

  private final WorkerListener reader =
      new WorkerListener() {
        private void read(String event, Job job) {
          seenByListeners.add(
              event
                  + " id="
                  + job.getId()
                  + " name="
                  + job.getName()
                  + " queue="
                  + job.getQueue()
                  + " "
                  + job);
        }

        @Override
        public void onJobProcessing(JobProcessing event) {
          read("processing", event.job());
        }

        @Override
        public void onJobExceptionOccurred(JobExceptionOccurred event) {
          read("exception", event.job());
        }

        @Override
        public void onJobFailed(JobFailed event) {
          read("failed", event.job());
        }

        @Override
        public void onJobReleased(JobReleased event) {
          read("released", event.job());
        }
      };

  /** A reservation made by hand, as a broken driver or a raw write could produce it. */
  private static final class Broken extends ReservedJob {
    private final Supplier<String> id;

    Broken(String queue, String rawBody, int attempts, Supplier<String> id) {
      super(queue, rawBody, attempts);
      this.id = id;
    }

    @Override
    public String id() {
      return id.get();
    }
  }

  /** Pops the hand-made reservations one at a time; records deletes and releases. */
  private static final class HandMade extends ForwardingConnector {
    final Deque<ReservedJob> toPop = new ArrayDeque<>();
    final List<ReservedJob> deleted = new CopyOnWriteArrayList<>();
    final List<ReservedJob> released = new CopyOnWriteArrayList<>();

    HandMade() {
      super(new MemoryConnector());
    }

    @Override
    public synchronized List<ReservedJob> pop(String queue, int max) {
      ReservedJob next = toPop.pollFirst();
      return next == null ? List.of() : List.of(next);
    }

    @Override
    public void delete(ReservedJob job) {
      deleted.add(job);
    }

    @Override
    public void release(ReservedJob job, Duration delay) {
      released.add(job);
    }
  }

  @AfterEach
  void closeHandMade() {
    handMadeManager.close();
  }

  private Worker handMadeWorker(int tries) {
    return build(
        Worker.builder()
            .manager(handMadeManager)
            .queues(QUEUE)
            .tries(tries)
            .delay(Duration.ZERO)
            .timeout(Duration.ofSeconds(5))
            .stopGrace(Duration.ofMillis(500))
            .listener(reader));
  }

  private FailedJob runAndGetTheRecord(Worker worker, ReservedJob job) {
    handMade.toPop.add(job);
    int before = (int) handMadeStore.count();

    assertThat(worker.runOnce()).isTrue();

    assertThat(handMadeStore.count()).isEqualTo(before + 1);
    assertThat(handMade.deleted).contains(job);
    assertThat(handMade.released).doesNotContain(job);
    return handMadeStore.list(0, 1).get(0);
  }

  @Test
  void aPayloadWithoutIdWhoseHandlerThrowsIsFailedAtItsLastTry() {
    registry.handle(
        "Throwing",
        String.class,
        data -> {
          throw new IllegalStateException("boom");
        });
    String raw = "{\"job\":\"Throwing\",\"data\":\"x\",\"attempts\":1}";

    FailedJob record = runAndGetTheRecord(handMadeWorker(1), new Broken(QUEUE, raw, 1, () -> null));

    assertThat(record.payload()).isEqualTo(raw);
    assertThat(record.queue()).isEqualTo(QUEUE);
    assertThat(record.exception()).contains("boom");
    assertThat(seenByListeners)
        .containsExactly(
            "processing id= name=Throwing queue=q Job{id=, name=Throwing, queue=q, attempt=1}",
            "failed id= name=Throwing queue=q Job{id=, name=Throwing, queue=q, attempt=1}",
            "exception id= name=Throwing queue=q Job{id=, name=Throwing, queue=q, attempt=1}");
  }

  @Test
  void aPayloadWithoutIdBackOverItsTriesIsFailedBeforeRunning() {
    List<String> ran = new ArrayList<>();
    registry.handle("Throwing", String.class, ran::add);
    String raw = "{\"job\":\"Throwing\",\"data\":\"x\"}";

    FailedJob record = runAndGetTheRecord(handMadeWorker(3), new Broken(QUEUE, raw, 4, () -> null));

    assertThat(ran).isEmpty();
    assertThat(record.exception()).contains(MaxAttemptsExceededException.class.getName());
  }

  @Test
  void aPayloadWithoutJobNameWhoseIdThrowsIsFailedWithTheReason() {
    String raw = "{\"data\":{},\"attempts\":1}";

    FailedJob record =
        runAndGetTheRecord(
            handMadeWorker(3),
            new Broken(
                QUEUE,
                raw,
                1,
                () -> {
                  throw new NullPointerException("as RedisReservedJob.id() did");
                }));

    assertThat(record.payload()).isEqualTo(raw);
    assertThat(record.exception()).contains("no job name");
    assertThat(seenByListeners)
        .containsExactly(
            "processing id= name=? queue=q Job{id=, name=?, queue=q, attempt=1}",
            "failed id= name=? queue=q Job{id=, name=?, queue=q, attempt=1}");
  }

  @Test
  void aReservationWithoutBodyOrQueueIsFailedUnderThePoppedQueue() {
    FailedJob record = runAndGetTheRecord(handMadeWorker(3), new Broken(null, null, 1, () -> null));

    assertThat(record.payload()).isEmpty();
    assertThat(record.queue()).isEqualTo(QUEUE);
    assertThat(record.exception()).contains("Payload is missing");
    assertThat(seenByListeners)
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("name=? queue=q"));
  }

  @Test
  void aHandlerFailingAJobWithoutIdRecordsIt() {
    registry.register("Failing", String.class, (job, data) -> job.fail(null));
    String raw = "{\"job\":\"Failing\",\"data\":\"x\",\"attempts\":1}";

    FailedJob record = runAndGetTheRecord(handMadeWorker(3), new Broken(QUEUE, raw, 1, () -> null));

    assertThat(record.exception()).contains("ManuallyFailed");
  }

  @Test
  void theWorkerGoesOnAfterBrokenReservations() {
    List<String> ran = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, ran::add);
    handMade.toPop.add(new Broken(QUEUE, null, 1, () -> null));
    handMade.toPop.add(
        new Broken(
            QUEUE,
            "{\"data\":1}",
            1,
            () -> {
              throw new IllegalStateException("no id");
            }));
    handMade.toPop.add(
        new Broken(QUEUE, "{\"job\":\"Record\",\"data\":\"ok\",\"attempts\":1}", 1, () -> "id-3"));
    Worker worker =
        build(
            Worker.builder()
                .manager(handMadeManager)
                .queues(QUEUE)
                .sleep(Duration.ofMillis(20))
                .maxJobs(3));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(ran).containsExactly("ok");
    assertThat(handMadeStore.count()).isEqualTo(2);
    assertThat(handMade.deleted).hasSize(3);
    assertThat(handMade.released).isEmpty();
  }

  // ---- the read limit, on the memory connector ----

  /**
   * A V3 payload of exactly {@code bytes} UTF-8 bytes, padded with {@code pad} (1 to 3 bytes per
   * char).
   */
  private static String payloadOf(int bytes, String pad) {
    String head = "{\"job\":\"Record\",\"data\":\"";
    String tail = "\",\"id\":\"" + "A".repeat(32) + "\",\"attempts\":0}";
    int padBytes = pad.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int left = bytes - head.length() - tail.length();
    String body = head + pad.repeat(left / padBytes) + "x".repeat(left % padBytes) + tail;
    assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(bytes);
    return body;
  }

  @Test
  void aPayloadOverTheReadLimitIsFailedWithItsSizeWithoutBeingRunAndKeptForRetry() {
    List<String> ran = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, ran::add);
    String big = payloadOf(1001, "é");
    String atLimit = payloadOf(1000, "€");
    connector.pushRaw(QUEUE, big, Duration.ZERO);
    connector.pushRaw(QUEUE, atLimit, Duration.ZERO);
    Worker worker = build(worker().maxPayloadReadBytes(1000).maxJobs(2));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(ran).as("the payload at the limit runs").hasSize(1);
    assertThat(failedRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.payload()).as("kept whole, so a retry re-pushes it").isEqualTo(big);
              assertThat(r.exception())
                  .contains(PayloadTooLargeToReadException.class.getName())
                  .contains("1001 bytes")
                  .contains("read limit of 1000 bytes");
            });
    assertThat(events.of(JobFailed.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.exception()).isInstanceOf(PayloadTooLargeToReadException.class);
              assertThat(((PayloadTooLargeToReadException) e.exception()).size()).isEqualTo(1001);
              assertThat(((PayloadTooLargeToReadException) e.exception()).limit()).isEqualTo(1000);
            });
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void theSizeIsCheckedBeforeTheJsonIsRead() {
    String notJson = "x".repeat(2000);
    connector.pushRaw(QUEUE, notJson, Duration.ZERO);
    Worker worker = build(worker().maxPayloadReadBytes(1000));

    assertThat(worker.runOnce()).isTrue();

    assertThat(failedRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.payload()).isEqualTo(notJson);
              assertThat(r.exception()).contains("2000 bytes").doesNotContain("not valid JSON");
            });
  }

  @Test
  void theDefaultReadLimitIs16MiBAndTheSettingIsValidated() {
    assertThat(Worker.DEFAULT_MAX_PAYLOAD_READ_BYTES).isEqualTo(16 * 1024 * 1024);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Worker.builder().maxPayloadReadBytes(0))
        .isInstanceOf(org.thinkqueue.ConfigurationException.class)
        .hasMessageContaining("maxPayloadReadBytes");
  }
}
