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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.memory.MemoryConnector;

/** Invalid input is refused before anything is written, with a message naming the bad value. */
class PushValidationTest {
  private final MemoryConnector connector = new MemoryConnector();
  private final JobRegistry registry =
      new JobRegistry()
          .register("known", Map.class, (job, data) -> {})
          .register("Known", new Handler());
  private final QueueManager queues =
      QueueManager.builder().connection("memory", connector).build();
  private final QueueManager checked =
      QueueManager.builder().connection("memory", connector).registry(registry).build();
  private final List<String> touched = new ArrayList<>(List.of("default", "q"));

  public static final class Handler implements JobHandler<String> {
    @Override
    public void fire(Job job, String data) {}
  }

  public static final class Unregistered implements JobHandler<String> {
    @Override
    public void fire(Job job, String data) {}
  }

  /** Not serializable by Jackson: no properties. */
  public static final class Opaque {
    @Override
    public String toString() {
      return "opaque";
    }
  }

  @AfterEach
  void nothingWasWritten() {
    for (String q : touched) {
      assertThat(connector.size(q).total()).as("jobs in " + q).isZero();
    }
  }

  private void refused(
      ThrowingCallable call, Class<? extends Throwable> type, String... inMessage) {
    var a = assertThatThrownBy(call).isInstanceOf(type);
    for (String s : inMessage) {
      a.hasMessageContaining(s);
    }
  }

  @Test
  void nullOrBlankJobName() {
    refused(() -> queues.push((String) null, "d"), IllegalArgumentException.class, "null");
    refused(() -> queues.push("", "d"), IllegalArgumentException.class, "''");
    refused(() -> queues.push("  ", "d", "q"), IllegalArgumentException.class, "'  '");
    refused(() -> queues.later(5, " ", "d"), IllegalArgumentException.class);
    refused(() -> queues.bulk(" ", List.of(1, 2), "q"), IllegalArgumentException.class);
    refused(() -> queues.bulk(Arrays.asList("ok", null), "d", "q"), IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "a/b", "é", "队列", "tab\t", "new\nline", "a*b", "q#1"})
  void badQueueNames(String queue) {
    touched.add(queue);
    refused(
        () -> queues.push("job", "d", queue),
        InvalidQueueNameException.class,
        "'" + queue + "'",
        "[A-Za-z0-9_.:{}-]{1,255}");
    refused(
        () -> queues.later(Duration.ofSeconds(1), "job", "d", queue),
        InvalidQueueNameException.class);
    refused(() -> queues.pushOn(queue, "job", "d"), InvalidQueueNameException.class);
    refused(() -> queues.bulk("job", List.of(1), queue), InvalidQueueNameException.class);
    refused(
        () -> queues.connection().pushRaw("{\"job\":\"j\"}", queue),
        InvalidQueueNameException.class);
  }

  @Test
  void tooLongQueueNameButNot255() {
    String q256 = "q".repeat(256);
    touched.add(q256);
    refused(() -> queues.push("job", "d", q256), InvalidQueueNameException.class, q256);
    assertThatThrownBy(() -> queues.push("job", "d", q256))
        .satisfies(e -> assertThat(((InvalidQueueNameException) e).queue()).isEqualTo(q256));

    String q255 = "q".repeat(255);
    queues.push("job", "d", q255);
    assertThat(connector.size(q255).ready()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{orders}", "a.b:c-d_e", "Z", "{queues:x}:y", "0-9"})
  void edgeQueueNamesAreAccepted(String queue) {
    String id = queues.push("job", "d", queue);
    assertThat(connector.readyPayloads(queue)).singleElement().asString().contains(id);
    connector.clear();
  }

  @Test
  void negativeDelay() {
    refused(() -> queues.later(-1, "job", "d"), InvalidDelayException.class, "-1");
    refused(() -> queues.later(-1, "job", "d", "q"), InvalidDelayException.class, "-1");
    refused(() -> queues.laterOn("q", -5, "job", "d"), InvalidDelayException.class, "-5");
    refused(
        () -> queues.later(Duration.ofMillis(-1), "job", "d"),
        InvalidDelayException.class,
        "PT-0.001S");
    refused(
        () -> queues.later((Duration) null, "job", "d", "q"), InvalidDelayException.class, "null");
    refused(() -> checked.later(-1, Handler.class, "d", "q"), InvalidDelayException.class);
    queues.later(Duration.ZERO, "job", "d", "q");
    assertThat(connector.size("q").ready()).isEqualTo(1);
    connector.clear();
  }

  @Test
  void delayBeyondWhatTheWireFormatHoldsIsRefusedBeforeAnyWrite() {
    String max = Long.toString(QueueConnection.LATEST_DUE_TIME.getEpochSecond());
    refused(
        () -> queues.later(Long.MAX_VALUE, "job", "d", "q"),
        InvalidDelayException.class,
        Long.toString(Long.MAX_VALUE),
        max);
    refused(
        () -> queues.later(Duration.ofDays(365_000), "job", "d", "q"),
        InvalidDelayException.class,
        "PT8760000H",
        max);
    refused(
        () -> queues.laterOn("q", Long.MAX_VALUE / 2, "job", "d"),
        InvalidDelayException.class,
        max);
    assertThat(connector.size("q").total()).isZero();
    Duration fits =
        Duration.between(java.time.Instant.now(), QueueConnection.LATEST_DUE_TIME).minusMinutes(1);
    queues.later(fits, "job", "d", "q");
    assertThat(connector.size("q").delayed()).isEqualTo(1);
    connector.clear();
  }

  @Test
  void payloadAboveTheDefaultLimit() {
    String overhead =
        PayloadCodec.shared()
            .encode(WireFormat.V3, "job", "\"\"", null, null, WireFormat.V3.newJobId(), 0);
    int fits = QueueManager.DEFAULT_MAX_PAYLOAD_BYTES - overhead.length();

    refused(
        () -> queues.push("job", "x".repeat(fits + 1), "q"),
        PayloadTooLargeException.class,
        "'job'",
        Integer.toString(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES + 1),
        Integer.toString(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES));
    assertThatThrownBy(() -> queues.push("job", "x".repeat(fits + 1), "q"))
        .satisfies(
            e -> {
              PayloadTooLargeException t = (PayloadTooLargeException) e;
              assertThat(t.size()).isEqualTo(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES + 1);
              assertThat(t.limit()).isEqualTo(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES);
            });

    queues.push("job", "x".repeat(fits), "q");
    assertThat(PayloadCodec.utf8Length(connector.readyPayloads("q").get(0)))
        .isEqualTo(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES);
    connector.clear();
  }

  @Test
  void customLimitCountsUtf8Bytes() {
    QueueManager small =
        QueueManager.builder().connection("memory", connector).maxPayloadBytes(2048).build();
    // 700 'é' are 700 chars but 1400 bytes; with ~90 bytes of envelope they fit in 2048 bytes, 800
    // do not.
    small.push("job", "é".repeat(700), "q");
    assertThat(connector.size("q").ready()).isEqualTo(1);
    connector.clear();

    refused(() -> small.push("job", "é".repeat(1000), "q"), PayloadTooLargeException.class, "2048");
    refused(() -> small.push("job", "😀".repeat(500), "q"), PayloadTooLargeException.class, "2048");
    refused(
        () ->
            small.connection().pushRaw("{\"job\":\"j\",\"data\":\"" + "€".repeat(700) + "\"}", "q"),
        PayloadTooLargeException.class,
        "2048");
    refused(
        () -> small.bulk("job", List.of("a", "é".repeat(1000)), "q"),
        PayloadTooLargeException.class);
  }

  @Test
  void dataJacksonCannotSerialize() {
    refused(
        () -> queues.push("SendMail", new Opaque(), "q"),
        PayloadException.class,
        "SendMail",
        Opaque.class.getName());
    refused(
        () -> queues.later(5, "SendMail", Map.of("x", new Opaque()), "q"),
        PayloadException.class,
        "SendMail");
    refused(
        () -> queues.bulk("SendMail", List.of("ok", new Opaque()), "q"),
        PayloadException.class,
        "SendMail");
  }

  @Test
  void rawPayloadThatIsNoThinkQueuePayload() {
    refused(() -> queues.connection().pushRaw("not json", "q"), PayloadException.class);
    refused(() -> queues.connection().pushRaw("{\"data\":1}", "q"), PayloadException.class, "job");
    refused(() -> queues.connection().pushRaw("{\"job\":\"j\"} x", "q"), PayloadException.class);
  }

  @Test
  void unknownJobWithARegistry() {
    refused(() -> checked.push("unknown", "d", "q"), UnknownJobException.class, "'unknown'");
    refused(() -> checked.later(1, "unknown", "d", "q"), UnknownJobException.class, "'unknown'");
    refused(
        () -> checked.bulk(List.of("known", "unknown"), "d", "q"),
        UnknownJobException.class,
        "'unknown'");
    refused(
        () -> checked.push(Unregistered.class, "d", "q"),
        UnknownJobException.class,
        Unregistered.class.getName());
    refused(() -> queues.push(Handler.class, "d", "q"), IllegalStateException.class, "JobRegistry");
    refused(() -> checked.push((Class<?>) null, "d", "q"), IllegalArgumentException.class);
  }

  @Test
  void knownJobsAndUncheckedNamesAreAccepted() {
    checked.push("known", Map.of(), "q");
    checked.push("Known@fire", "d", "q");
    checked.push(Handler.class, "d", "q");
    assertThat(connector.readyPayloads("q"))
        .extracting(p -> PayloadCodec.shared().decode(p).job())
        .containsExactly("known", "Known@fire", "Known");
    connector.clear();

    QueueManager unchecked =
        QueueManager.builder()
            .connection("memory", connector)
            .registry(registry)
            .checkJobNamesOnPush(false)
            .build();
    unchecked.push("app\\job\\PhpOnly", "d", "q");
    assertThat(connector.readyPayloads("q"))
        .singleElement()
        .asString()
        .startsWith("{\"job\":\"app\\\\job\\\\PhpOnly\"");
    connector.clear();
  }

  @Test
  void bulkValidatesEveryItemBeforeWritingAny() {
    refused(() -> queues.bulk("job", List.of("a", "b", new Opaque()), "q"), PayloadException.class);
    refused(
        () -> checked.bulk(List.of("known", "Known", "nope"), "d", "q"), UnknownJobException.class);

    List<String> ids = queues.bulk("job", List.of("a", "b", "c"), "q");
    assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    assertThat(connector.readyPayloads("q")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(connector.readyPayloads("q").get(i))
          .contains(ids.get(i))
          .contains("\"data\":\"" + "abc".charAt(i));
    }
    assertThat(queues.bulk("job", List.of(), "q")).isEmpty();
    connector.clear();
  }

  /**
   * {@code null} data is JSON {@code null} on every path (push, later, bulk; every wire format and
   * driver shape), as PHP's {@code push($job, null)} writes it, and a handler gets {@code null}
   * back. think-queue's default data {@code ''} is the empty string: pass {@code ""} for it.
   */
  @Test
  void nullDataIsJsonNullOnEveryPathAndEmptyStringIsThinkQueuesDefault() {
    MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).build();
    org.thinkqueue.testing.RecordingConnector rows =
        new org.thinkqueue.testing.RecordingConnector(WireFormat.V3, false);
    QueueManager all =
        QueueManager.builder()
            .connection("v3", connector)
            .connection("v1", v1)
            .connection("rows", rows)
            .build();
    for (String name : List.of("v3", "v1", "rows")) {
      QueueConnection c = all.connection(name);
      c.push("job", null, "nulls");
      c.later(5, "job", null, "nulls");
      c.bulk("job", Arrays.asList("x", null), "nulls");
      c.bulk(List.of("a", "b"), null, "nulls");
      c.push("job", "", "nulls");
    }
    List<String> payloads = new ArrayList<>();
    for (MemoryConnector m : List.of(connector, v1)) {
      payloads.addAll(m.readyPayloads("nulls"));
      payloads.addAll(m.delayedPayloads("nulls"));
    }
    rows.pushed().forEach(p -> payloads.add(p.payload()));
    // 7 per connection, 5 of them with null data
    assertThat(payloads).hasSize(21);
    assertThat(payloads).filteredOn(p -> p.contains("\"data\":null")).hasSize(15);
    assertThat(payloads).filteredOn(p -> p.contains("\"data\":\"\"")).hasSize(3);
    assertThat(payloads).filteredOn(p -> p.contains("\"data\":\"x\"")).hasSize(3);
    assertThat(payloads)
        .allSatisfy(p -> assertThat(PayloadCodec.shared().decode(p).data()).isNotNull());

    // A handler receives null for JSON null, whatever its data type; a JsonNode handler the null
    // node.
    assertThat(
            registry.resolve("known").convert(PayloadCodec.shared().decode(payloads.get(0)).data()))
        .isNull();
    assertThat(
            registry.resolve("Known").convert(PayloadCodec.shared().decode(payloads.get(0)).data()))
        .isNull();
    connector.clear();
    v1.clear();
  }
}
