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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.testing.Golden;
import org.thinkqueue.testing.RecordingConnector;

/**
 * What a Java push writes, compared byte for byte with what PHP think-queue writes (the golden
 * captures).
 */
class GoldenPayloadTest {
  private static final String JOB = "app\\job\\Demo@run";

  /**
   * The data as PHP 1.x and 3.x (array input) write it: {} already turned into [], / and é escaped.
   */
  private static final String PHP_DATA_ARRAY =
      "{\"orderId\":1234567890123456789,\"tags\":[],\"meta\":[],\"note\":\"a\\/b \\u00e9\"}";

  /** The data as PHP 3.x writes it from a decoded object: {} kept. */
  private static final String PHP_DATA_OBJECT =
      "{\"orderId\":1234567890123456789,\"tags\":[],\"meta\":{},\"note\":\"a\\/b \\u00e9\"}";

  private static MemoryConnector memory(WireFormat format) {
    return MemoryConnector.builder().wireFormat(format).build();
  }

  private static QueueManager manager(MemoryConnector connector) {
    return QueueManager.builder().connection("memory", connector).build();
  }

  /** The INPUT of the golden captures as Java code would build it. */
  private static Map<String, Object> javaData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", 1234567890123456789L);
    data.put("tags", List.of());
    data.put("meta", Map.of());
    data.put("note", "a/b é");
    return data;
  }

  /**
   * PHP's escapes undone: a Java producer writes / and UTF-8 plainly, which the reference allows.
   */
  private static String plain(String php) {
    return php.replace("\\/", "/").replace("\\u00e9", "é");
  }

  @Test
  void goldenLinesHaveTheExpectedShape() {
    assertThat(Golden.members("v1.txt"))
        .containsOnlyKeys("A1", "A2", "A3", "B1", "C1", "C2", "C3", "D1");
    assertThat(Golden.members("v3.txt"))
        .containsOnlyKeys("A1", "A2", "A3", "B1", "C1", "C2", "C3", "D1");
    assertThat(Golden.member("v1.txt", "A1", "X")).contains(PHP_DATA_ARRAY);
    assertThat(Golden.member("v3.txt", "A1", "X")).contains(PHP_DATA_OBJECT);
    assertThat(Golden.member("v3.txt", "B1", "X")).contains(PHP_DATA_ARRAY);
  }

  @Test
  void v3PushOfRawJsonIsByteIdenticalToPhp() {
    MemoryConnector c = memory(WireFormat.V3);
    QueueManager q = manager(c);

    String idA = q.push(JOB, RawJson.of(PHP_DATA_OBJECT), "golden-a");
    String idB = q.push(JOB, RawJson.of(PHP_DATA_ARRAY), "golden-b");

    assertThat(c.readyPayloads("golden-a")).containsExactly(Golden.member("v3.txt", "A1", idA));
    assertThat(c.readyPayloads("golden-b")).containsExactly(Golden.member("v3.txt", "B1", idB));
  }

  @Test
  void v1PushOfRawJsonIsByteIdenticalToPhp() {
    MemoryConnector c = memory(WireFormat.V1);
    QueueManager q = manager(c);

    String idA = q.push(JOB, RawJson.of(PHP_DATA_ARRAY), "golden-a");

    assertThat(c.readyPayloads("golden-a")).containsExactly(Golden.member("v1.txt", "A1", idA));
  }

  @Test
  void v3PushOfJavaDataMatchesPhpUpToEscapes() {
    MemoryConnector c = memory(WireFormat.V3);
    String id = manager(c).push(JOB, javaData(), "golden-a");

    assertThat(c.readyPayloads("golden-a"))
        .containsExactly(plain(Golden.member("v3.txt", "A1", id)));
    assertThat(c.readyPayloads("golden-a").get(0))
        .startsWith(
            "{\"job\":\"app\\\\job\\\\Demo@run\",\"maxTries\":null,\"timeout\":null,\"data\":{")
        .endsWith(",\"id\":\"" + id + "\",\"attempts\":0}");
  }

  @Test
  void v1PushOfJavaDataMatchesPhpUpToEscapesAndEmptyObject() {
    MemoryConnector c = memory(WireFormat.V1);
    String id = manager(c).push(JOB, javaData(), "golden-a");

    // PHP 1.x turns {} into [] at push; Java keeps the object, which PHP decodes to the same empty
    // array.
    String expected =
        plain(Golden.member("v1.txt", "A1", id)).replace("\"meta\":[]", "\"meta\":{}");
    assertThat(c.readyPayloads("golden-a")).containsExactly(expected);
    assertThat(expected)
        .startsWith("{\"job\":\"app\\\\job\\\\Demo@run\",\"data\":{")
        .endsWith(",\"id\":\"" + id + "\",\"attempts\":1}");
  }

  @Test
  void laterWritesTheSamePayloadAsPhpIntoTheDelayedSet() {
    MemoryConnector v3 = memory(WireFormat.V3);
    String id3 = manager(v3).later(10, JOB, RawJson.of(PHP_DATA_OBJECT), "golden-d");
    assertThat(v3.readyPayloads("golden-d")).isEmpty();
    assertThat(v3.delayedPayloads("golden-d")).containsExactly(Golden.member("v3.txt", "D1", id3));

    MemoryConnector v1 = memory(WireFormat.V1);
    String id1 =
        manager(v1).later(Duration.ofSeconds(10), JOB, RawJson.of(PHP_DATA_ARRAY), "golden-d");
    assertThat(v1.delayedPayloads("golden-d")).containsExactly(Golden.member("v1.txt", "D1", id1));
  }

  @Test
  void rawJsonDataIsWrittenByteForByteEvenWithWhitespaceAndEscapes() {
    MemoryConnector c = memory(WireFormat.V3);
    String data =
        "{ \"a\" : [ 1.0 , 1e2 , 12345678901234567890 ] , \"s\" : \"\\ud83d\\ude00\\/\" }";
    String id = manager(c).push("j", RawJson.of(data), "q");
    assertThat(c.readyPayloads("q"))
        .containsExactly(
            "{\"job\":\"j\",\"maxTries\":null,\"timeout\":null,\"data\":"
                + data
                + ",\"id\":\""
                + id
                + "\",\"attempts\":0}");
  }

  @Test
  void idsAreThirtyTwoLettersForV3AndAlphanumericForV1() {
    MemoryConnector v3 = memory(WireFormat.V3);
    MemoryConnector v1 = memory(WireFormat.V1);
    QueueManager q3 = manager(v3);
    QueueManager q1 = manager(v1);
    StringBuilder v1Chars = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      assertThat(q3.push("j", i, "q")).matches("[A-Za-z]{32}");
      String id1 = q1.push("j", i, "q");
      assertThat(id1).matches("[0-9A-Za-z]{32}");
      v1Chars.append(id1);
    }
    // 6400 draws from 62 symbols: digits must show up, or the V1 alphabet is not think-helper
    // 1.x's.
    assertThat(v1Chars.toString()).containsPattern("[0-9]");
    assertThat(v3.readyPayloads("q")).hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void returnedIdIsTheIdInThePayload() {
    MemoryConnector c = memory(WireFormat.V3);
    String id = manager(c).push("j", "x", "q");
    assertThat(c.readyPayloads("q").get(0)).endsWith(",\"id\":\"" + id + "\",\"attempts\":0}");
  }

  @Test
  void databasePayloadV3IsExactlyWhatThinkQueuesDatabaseConnectorTestExpects() {
    RecordingConnector db = new RecordingConnector(WireFormat.V3, false);
    QueueManager q = QueueManager.builder().connection("database", db).build();

    q.push("foo", List.of("data"));

    assertThat(db.pushed())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.payload())
                  .isEqualTo(
                      "{\"job\":\"foo\",\"maxTries\":null,\"timeout\":null,\"data\":[\"data\"]}");
              assertThat(p.queue()).isEqualTo("default");
              assertThat(p.delay()).isZero();
            });
  }

  @Test
  void databasePayloadV1HasOnlyJobAndData() {
    RecordingConnector db = new RecordingConnector(WireFormat.V1, false);
    QueueManager q = QueueManager.builder().connection("database", db).build();

    q.later(7, "foo", List.of("data"), "emails");

    assertThat(db.pushed())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.payload()).isEqualTo("{\"job\":\"foo\",\"data\":[\"data\"]}");
              assertThat(p.queue()).isEqualTo("emails");
              assertThat(p.delay()).isEqualTo(Duration.ofSeconds(7));
            });
  }

  @Test
  void jobOptionsAreWrittenForV3AndIgnoredForV1() {
    JobOptions options = JobOptions.maxTries(3).withTimeout(Duration.ofSeconds(30));
    RecordingConnector v3 = new RecordingConnector(WireFormat.V3, false);
    QueueManager.builder().connection("db", v3).build().push("foo", "", "q", options);
    assertThat(v3.pushed().get(0).payload())
        .isEqualTo("{\"job\":\"foo\",\"maxTries\":3,\"timeout\":30,\"data\":\"\"}");

    RecordingConnector v1 = new RecordingConnector(WireFormat.V1, false);
    QueueManager.builder().connection("db", v1).build().push("foo", "", "q", options);
    assertThat(v1.pushed().get(0).payload()).isEqualTo("{\"job\":\"foo\",\"data\":\"\"}");
  }

  @Test
  void jobNameIsJsonEscaped() {
    RecordingConnector db = new RecordingConnector(WireFormat.V1, false);
    QueueManager.builder().connection("db", db).build().push("a\"b\\c\td", null);
    assertThat(db.pushed().get(0).payload())
        .isEqualTo("{\"job\":\"a\\\"b\\\\c\\td\",\"data\":null}");
  }
}
