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
package org.thinkqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;

/** The producer-side hook: extra top-level fields, outcome callbacks, bytes unchanged without. */
class PushListenerTest {
  private final MemoryConnector v3 = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
  private final MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).build();
  private final List<String> calls = new ArrayList<>();

  private final PushListener recording =
      new PushListener() {
        @Override
        public void onPushing(OutgoingJob job) {
          calls.add("pushing " + job.connection() + " " + job.queue() + " " + job.job());
        }

        @Override
        public void onPushed(OutgoingJob job, String id) {
          calls.add("pushed " + job.job() + " " + (id != null));
        }

        @Override
        public void onPushFailed(OutgoingJob job, RuntimeException error) {
          calls.add("failed " + job.job() + " " + error.getClass().getSimpleName());
        }
      };

  private final PushListener tracing =
      new PushListener() {
        @Override
        public void onPushing(OutgoingJob job) {
          job.putField("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
          job.putField("tracestate", "k=\"v\"");
        }
      };

  @Test
  void aListenerThatAddsNothingLeavesTheBytesAsTheyWere() {
    MemoryConnector plain = MemoryConnector.builder().wireFormat(WireFormat.V1).build();
    QueueManager without = QueueManager.builder().connection("m", plain).build();
    QueueManager with = QueueManager.builder().connection("m", v1).pushListener(recording).build();
    without.push("app\\job\\Demo@run", Map.of("a", 1), "hm-q");
    with.push("app\\job\\Demo@run", Map.of("a", 1), "hm-q");

    String a = plain.readyPayloads("hm-q").get(0);
    String b = v1.readyPayloads("hm-q").get(0);
    assertThat(b.replaceAll("\"id\":\"[^\"]+\"", ""))
        .isEqualTo(a.replaceAll("\"id\":\"[^\"]+\"", ""));
    assertThat(calls)
        .containsExactly("pushing m hm-q app\\job\\Demo@run", "pushed app\\job\\Demo@run true");
  }

  @Test
  void extraFieldsGoAfterDataAndBeforeIdAndAttempts() {
    QueueManager m = QueueManager.builder().connection("m", v3).pushListener(tracing).build();
    m.later(Duration.ofSeconds(5), "job", List.of(1), "hm-q");

    assertThat(v3.delayedPayloads("hm-q"))
        .singleElement()
        .asString()
        .matches(
            "\\{\"job\":\"job\",\"maxTries\":null,\"timeout\":null,\"data\":\\[1],"
                + "\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"tracestate\":\"k=\\\\\"v\\\\\"\",\"id\":\"\\w{32}\",\"attempts\":0}");
    Payload p = Payload.parse(v3.delayedPayloads("hm-q").get(0));
    assertThat(p.stringField("tracestate")).contains("k=\"v\"");
    assertThat(p.stringField("data")).isEmpty();
    assertThat(p.stringField("absent")).isEmpty();
  }

  @Test
  void databasePayloadsEndWithTheExtraFields() {
    QueueManager m = QueueManager.builder().connection("m", v1).pushListener(tracing).build();
    m.push("job", "d", "hm-q");
    assertThat(v1.readyPayloads("hm-q").get(0))
        .contains("\"data\":\"d\",\"traceparent\":")
        .endsWith(",\"attempts\":1}");
  }

  @Test
  void theOutcomeIsToldWithTheSameJob() {
    AtomicReference<OutgoingJob> seen = new AtomicReference<>();
    Object key = new Object();
    PushListener stateful =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            job.setAttribute(key, "started");
          }

          @Override
          public void onPushFailed(OutgoingJob job, RuntimeException error) {
            assertThat(job.getAttribute(key)).isEqualTo("started");
            seen.set(job);
          }
        };
    QueueManager m =
        QueueManager.builder()
            .connection("m", v3)
            .maxPayloadBytes(1024)
            .pushListener(recording)
            .pushListener(stateful)
            .build();

    assertThatThrownBy(() -> m.push("big", "x".repeat(2000), "hm-q"))
        .isInstanceOf(PayloadTooLargeException.class);
    assertThat(calls).containsExactly("pushing m hm-q big", "failed big PayloadTooLargeException");
    assertThat(seen.get().job()).isEqualTo("big");
    assertThat(v3.readyPayloads("hm-q")).isEmpty();
  }

  @Test
  void aRefusedQueueNameReachesNoListener() {
    QueueManager m = QueueManager.builder().connection("m", v3).pushListener(recording).build();
    assertThatThrownBy(() -> m.push("job", "d", "bad queue"))
        .isInstanceOf(InvalidQueueNameException.class);
    assertThat(calls).isEmpty();
  }

  @Test
  void aThrowingListenerDoesNotStopThePush() {
    PushListener broken =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            throw new IllegalStateException("boom");
          }
        };
    QueueManager m =
        QueueManager.builder()
            .connection("m", v3)
            .pushListener(broken)
            .pushListener(recording)
            .build();
    m.push("job", "d", "hm-q");
    assertThat(v3.readyPayloads("hm-q")).hasSize(1);
    assertThat(calls).containsExactly("pushing m hm-q job", "pushed job true");
  }

  @Test
  void bulkTellsEachJob() {
    QueueManager m =
        QueueManager.builder()
            .connection("m", v3)
            .pushListener(recording)
            .pushListener(tracing)
            .build();
    List<String> ids = m.bulk("job", List.of(1, 2), "hm-q");
    m.bulk(List.of("a", "b"), "d", "hm-q");

    assertThat(ids).hasSize(2);
    assertThat(v3.readyPayloads("hm-q")).hasSize(4).allMatch(p -> p.contains("\"traceparent\""));
    assertThat(calls)
        .containsExactly(
            "pushing m hm-q job",
            "pushing m hm-q job",
            "pushed job true",
            "pushed job true",
            "pushing m hm-q a",
            "pushing m hm-q b",
            "pushed a true",
            "pushed b true");
  }

  @Test
  void reservedFieldNamesAreRefused() {
    OutgoingJob job = new OutgoingJob("m", "q", "j", Duration.ZERO);
    for (String name :
        List.of("job", "data", "id", "attempts", "maxTries", "timeout", "timeoutAt", " ")) {
      assertThatThrownBy(() -> job.putField(name, "x"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> job.putField("x", null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(job.fields()).isEmpty();
  }

  @Test
  void extraFieldsSurviveAReleaseAndReachTheHandler() {
    JobRegistry registry = new JobRegistry();
    List<String> seen = new ArrayList<>();
    registry.register(
        "hm-job",
        Object.class,
        (job, data) -> {
          seen.add(job.payload().stringField("traceparent").orElse("none") + "@" + job.attempts());
          if (job.attempts() == 1) {
            job.release();
          } else {
            job.delete();
          }
        });
    QueueManager m =
        QueueManager.builder().connection("m", v3).registry(registry).pushListener(tracing).build();
    m.push("hm-job", "d", "hm-q");
    try (org.thinkqueue.worker.Worker w =
        org.thinkqueue.worker.Worker.builder().manager(m).queues("hm-q").build()) {
      assertThat(w.runOnce()).isTrue();
      assertThat(w.runOnce()).isTrue();
    }
    assertThat(seen)
        .containsExactly(
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01@1",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01@2");
  }
}
