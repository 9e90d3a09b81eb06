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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.UnknownJobException;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.memory.MemoryConnector;

/** Payloads no handler can run are failed with the reason, once, and the worker goes on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerBadPayloadTest extends WorkerFixture {

  @Test
  void unknownJobNameIsFailedAndTheWorkerGoesOn() {
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Known", String.class, seen::add);
    String unknown =
        PayloadCodec.shared()
            .encode(
                WireFormat.V3,
                "app\\job\\Nope",
                "{\"x\":1}",
                null,
                null,
                WireFormat.V3.newJobId(),
                0);
    manager.connection().pushRaw(unknown, QUEUE);
    manager.push("Known", "after", QUEUE);
    Worker worker = build(worker().maxJobs(2));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seen).containsExactly("after");
    FailedJob record = failedRecords().get(0);
    assertThat(failedRecords()).hasSize(1);
    assertThat(record.payload()).isEqualTo(unknown);
    assertThat(record.exception())
        .contains(UnknownJobException.class.getName())
        .contains("app\\job\\Nope");
    assertThat(events.of(JobFailed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(UnknownJobException.class));
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void unreadablePayloadsAreFailedAndTheWorkerGoesOn() {
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Known", String.class, seen::add);
    connector.pushRaw(QUEUE, "not json", Duration.ZERO);
    connector.pushRaw(QUEUE, "{\"data\":{},\"id\":\"x\",\"attempts\":0}", Duration.ZERO);
    manager.push("Known", "after", QUEUE);
    Worker worker = build(worker().maxJobs(3));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seen).containsExactly("after");
    assertThat(failedRecords()).hasSize(2);
    assertThat(failedRecords())
        .anySatisfy(
            r -> {
              assertThat(r.payload()).isEqualTo("not json");
              assertThat(r.exception())
                  .contains(PayloadException.class.getName())
                  .contains("not valid JSON");
            });
    assertThat(failedRecords())
        .anySatisfy(
            r -> {
              assertThat(r.payload()).contains("\"id\":\"x\"");
              assertThat(r.exception()).contains("no job name");
            });
    assertThat(events.of(JobFailed.class)).hasSize(2);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void dataTheHandlerCannotReadIsFailedWithTheReason() {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    registry.handle("Numbers", Integer.class, seen::add);
    String payload =
        PayloadCodec.shared()
            .encode(
                WireFormat.V3,
                "Numbers",
                "{\"not\":\"a number\"}",
                null,
                null,
                WireFormat.V3.newJobId(),
                0);
    connector.pushRaw(QUEUE, payload, Duration.ZERO);
    Worker worker = build(worker().tries(3));

    assertThat(worker.runOnce()).isTrue();

    assertThat(seen).isEmpty();
    assertThat(failedRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.payload()).isEqualTo(payload);
              assertThat(r.exception()).contains("cannot be converted");
            });
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void payloadsAreReadWithTheRegistrysMapperSoItsParserLimitsApply() {
    com.fasterxml.jackson.databind.ObjectMapper strict = JobRegistry.defaultObjectMapper();
    strict
        .getFactory()
        .setStreamReadConstraints(
            com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(64).build());
    JobRegistry strictRegistry = new JobRegistry(strict);
    List<String> seen = new CopyOnWriteArrayList<>();
    strictRegistry.handle("Known", String.class, seen::add);
    MemoryConnector store = new MemoryConnector();
    String longNote = "x".repeat(100);
    store.pushRaw(
        QUEUE,
        "{\"job\":\"Known\",\"maxTries\":null,\"timeout\":null,\"data\":\"ok\",\"note\":\""
            + longNote
            + "\",\"id\":\"abc\",\"attempts\":0}",
        Duration.ZERO);
    try (QueueManager strictManager =
        QueueManager.builder().connection("memory", store).registry(strictRegistry).build()) {
      Worker worker = Worker.builder().manager(strictManager).queues(QUEUE).build();

      assertThat(worker.runOnce()).isTrue();

      assertThat(seen).as("the default mapper would have read it and run the job").isEmpty();
      assertThat(strictManager.failed().list(0, 10))
          .singleElement()
          .satisfies(r -> assertThat(r.exception()).contains(PayloadException.class.getName()));
    }
  }
}
