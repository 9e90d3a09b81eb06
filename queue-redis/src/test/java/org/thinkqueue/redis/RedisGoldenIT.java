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
package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.RawJson;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testkit.Golden;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.resps.Tuple;

/**
 * The exact strings in Redis after push, reserve, release and expiry, per wire format, compared
 * with what PHP think-queue writes (the golden captures, reference §3). Where PHP re-encodes a
 * payload (3.x at reservation, 1.x at release and expiry), this driver edits only the {@code
 * attempts} digits: for data PHP itself wrote the result is byte-identical to PHP's, and for a
 * foreign payload every other byte survives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisGoldenIT extends RedisQueueFixture {
  private static final String JOB = "app\\job\\Demo@run";

  /**
   * The golden INPUT as PHP writes it from an array ({} already turned into [], / and é escaped).
   */
  private static final String PHP_DATA_ARRAY =
      "{\"orderId\":1234567890123456789,\"tags\":[],\"meta\":[],\"note\":\"a\\/b \\u00e9\"}";

  /** The golden INPUT as PHP 3.x writes it from a decoded object ({} kept). */
  private static final String PHP_DATA_OBJECT =
      "{\"orderId\":1234567890123456789,\"tags\":[],\"meta\":{},\"note\":\"a\\/b \\u00e9\"}";

  private static final String FOREIGN_ID = "JavaJob0000000000000000000000001";

  private static String file(WireFormat f) {
    return f == WireFormat.V1 ? "v1.txt" : "v3.txt";
  }

  /** The golden line of a push of array data: A1 for 1.x, B1 for 3.x (whose A1 keeps an object). */
  private static String pushedArrayData(WireFormat f, String id) {
    return Golden.member(file(f), f == WireFormat.V1 ? "A1" : "B1", id);
  }

  /** The payload with its trailing attempts digits replaced: the only edit this driver makes. */
  private static String withAttempts(String payload, int attempts) {
    assertThat(payload).containsPattern(",\"attempts\":\\d+}$");
    return payload.replaceFirst(",\"attempts\":\\d+}$", ",\"attempts\":" + attempts + "}");
  }

  private RedisConnector connector(WireFormat f) {
    return connector(f, RedisConnector.DEFAULT_RETRY_AFTER);
  }

  private List<String> list(String key) {
    return admin.lrange(key, 0, -1);
  }

  private List<Tuple> zset(String key) {
    return admin.zrangeWithScores(key, 0, -1);
  }

  private static void assertMember(List<Tuple> zset, String expected, double expectedScore) {
    assertThat(zset).hasSize(1);
    assertThat(zset.get(0).getElement()).isEqualTo(expected);
    assertThat(zset.get(0).getScore()).isCloseTo(expectedScore, within(2.0));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void pushReserveReleaseWriteWhatPhpWrites(WireFormat f) {
    String q = queue("golden-a");
    RedisConnector connector = connector(f);
    QueueManager manager = manager(connector, null);

    String id = manager.push(JOB, RawJson.of(PHP_DATA_ARRAY), q);

    // A1 (1.x) / B1 (3.x): the list member, field order job[,maxTries,timeout],data,id,attempts
    assertThat(id).matches(f == WireFormat.V1 ? "[0-9A-Za-z]{32}" : "[A-Za-z]{32}");
    assertThat(list(ready(f, q))).containsExactly(pushedArrayData(f, id));
    assertThat(admin.exists(delayed(f, q))).isFalse();
    assertThat(admin.exists(reserved(f, q))).isFalse();

    List<ReservedJob> jobs = connector.pop(q, 1);

    // A2: 1.x reserves the popped string as is; 3.x reserves a copy with attempts + 1
    assertThat(jobs).hasSize(1);
    ReservedJob job = jobs.get(0);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.id()).isEqualTo(id);
    assertThat(job.rawBody()).isEqualTo(pushedArrayData(f, id));
    assertThat(admin.exists(ready(f, q))).isFalse();
    assertThat(admin.exists(delayed(f, q))).isFalse();
    assertMember(zset(reserved(f, q)), Golden.member(file(f), "A2", id), nowSeconds() + 60);

    connector.release(job, Duration.ofSeconds(5));

    // A3: 1.x stores attempts + 1 in the delayed copy; 3.x moves the reserved copy unchanged
    assertThat(admin.exists(ready(f, q))).isFalse();
    assertThat(admin.exists(reserved(f, q))).isFalse();
    assertMember(zset(delayed(f, q)), Golden.member(file(f), "A3", id), nowSeconds() + 5);
  }

  @Test
  void v3ReservationOfAnEmptyObjectKeepsItWherePhpWritesAnEmptyArray() {
    WireFormat f = WireFormat.V3;
    String q = queue("golden-a3obj");
    RedisConnector connector = connector(f);

    String id = manager(connector, null).push(JOB, RawJson.of(PHP_DATA_OBJECT), q);
    assertThat(list(ready(f, q))).containsExactly(Golden.member("v3.txt", "A1", id));
    ReservedJob job = connector.pop(q, 1).get(0);

    String reservedMember =
        Golden.member("v3.txt", "A1", id).replace(",\"attempts\":0}", ",\"attempts\":1}");
    assertMember(zset(reserved(f, q)), reservedMember, nowSeconds() + 60);
    assertThat(job.rawBody()).isEqualTo(Golden.member("v3.txt", "A1", id));
    // PHP's json_decode/json_encode turns {} into []; that is the only difference, and PHP reads
    // both the same.
    assertThat(reservedMember.replace("\"meta\":{}", "\"meta\":[]"))
        .isEqualTo(Golden.member("v3.txt", "A2", id));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void foreignPayloadKeepsEveryByteOnlyAttemptsChange(WireFormat f) {
    String q = queue("golden-c");
    RedisConnector connector = connector(f);
    QueueManager manager = manager(connector, null);
    String foreign = Golden.member(file(f), "C1", "unused");
    int pushedAttempts = f == WireFormat.V1 ? 1 : 0;
    assertThat(foreign)
        .contains(
            "12345678901234567890",
            "\"f\":1.0",
            "\"e\":1e2",
            "\"meta\":{}",
            "😀",
            "\"note\":\"a/b é\"",
            "\"esc\":\"\\u00e9\\/\"")
        .endsWith(",\"attempts\":" + pushedAttempts + "}");

    String id = manager.connection().pushRaw(foreign, q);

    // C1: byte-identical in the list
    assertThat(id).isEqualTo(FOREIGN_ID);
    assertThat(listBytes(ready(f, q))).containsExactly(foreign);

    ReservedJob job = connector.pop(q, 1).get(0);

    // C2: 1.x reserves the same bytes (as PHP); 3.x edits only the attempts digits (PHP would
    // re-encode it all)
    String reservedMember = f == WireFormat.V1 ? foreign : withAttempts(foreign, 1);
    if (f == WireFormat.V1) {
      assertThat(reservedMember).isEqualTo(Golden.member("v1.txt", "C2", "unused"));
    }
    assertThat(job.rawBody()).isEqualTo(foreign);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.id()).isEqualTo(FOREIGN_ID);
    assertThat(zsetBytes(reserved(f, q))).containsExactly(reservedMember);
    assertThat(admin.exists(ready(f, q))).isFalse();

    connector.release(job, Duration.ofSeconds(5));

    // C3: 1.x bumps attempts to 2 in place (PHP would re-encode); 3.x moves the reserved bytes
    // unchanged
    String releasedMember = f == WireFormat.V1 ? withAttempts(foreign, 2) : reservedMember;
    assertThat(zsetBytes(delayed(f, q))).containsExactly(releasedMember);
    assertThat(zset(delayed(f, q)).get(0).getScore()).isCloseTo(nowSeconds() + 5, within(2.0));
    assertThat(admin.exists(reserved(f, q))).isFalse();
    assertThat(admin.exists(ready(f, q))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void expiredReservationGoesBackWithPhpsAttemptsAndIsReservedAgain(WireFormat f) {
    String q = queue("golden-exp");
    RedisConnector connector = connector(f, Connector.MIN_RETRY_AFTER);
    String id = manager(connector, null).push(JOB, RawJson.of(PHP_DATA_ARRAY), q);

    ReservedJob first = connector.pop(q, 1).get(0);
    assertMember(zset(reserved(f, q)), Golden.member(file(f), "A2", id), nowSeconds() + 2);
    assertThat(connector.pop(q, 1)).as("not yet expired").isEmpty();

    List<ReservedJob> again = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> again.addAll(connector.pop(q, 1)));

    ReservedJob second = again.get(0);
    // What went back to the list: 1.x bumps attempts to 2 (as PHP's setMeta), 3.x moves the
    // reserved copy as is.
    // Either way it equals PHP's A3 line.
    assertThat(second.rawBody()).isEqualTo(Golden.member(file(f), "A3", id));
    assertThat(second.attempts()).isEqualTo(first.attempts() + 1).isEqualTo(2);
    String reservedAgain =
        f == WireFormat.V1
            ? Golden.member("v1.txt", "A3", id)
            : withAttempts(Golden.member("v3.txt", "A3", id), 2);
    assertMember(zset(reserved(f, q)), reservedAgain, nowSeconds() + 2);
    assertThat(admin.exists(ready(f, q))).isFalse();
    assertThat(admin.exists(delayed(f, q))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void laterWritesPhpsDelayedMember(WireFormat f) {
    String q = queue("golden-d");
    String data = f == WireFormat.V3 ? PHP_DATA_OBJECT : PHP_DATA_ARRAY;

    String id = manager(connector(f), null).later(10, JOB, RawJson.of(data), q);

    assertMember(zset(delayed(f, q)), Golden.member(file(f), "D1", id), nowSeconds() + 10);
    assertThat(admin.exists(ready(f, q))).isFalse();
    assertThat(admin.exists(reserved(f, q))).isFalse();
  }

  /** The golden INPUT as a handler's data type. */
  record Order(long orderId, List<Object> tags, Map<String, Object> meta, String note) {}

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void payloadWrittenAsPhpWritesItIsProcessedAndDeleted(WireFormat f) {
    String q = queue("golden-php");
    List<String> phpPayloads = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String step : f == WireFormat.V1 ? List.of("A1", "D1") : List.of("A1", "B1")) {
      String id = f.newJobId();
      ids.add(id);
      phpPayloads.add(Golden.member(file(f), step, id));
    }
    for (String p : phpPayloads) {
      assertThat(p).contains("\"note\":\"a\\/b \\u00e9\"");
      admin.rpush(ready(f, q), p);
    }
    List<Order> seen = new CopyOnWriteArrayList<>();
    List<String> seenIds = new CopyOnWriteArrayList<>();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    JobRegistry registry =
        new JobRegistry()
            .register(
                JOB,
                Order.class,
                (job, order) -> {
                  seen.add(order);
                  seenIds.add(job.getId());
                  attempts.add(job.attempts());
                  job.delete();
                });
    QueueManager manager = manager(connector(f), registry);
    Worker worker = build(worker(manager, q).maxJobs(phpPayloads.size()));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seenIds).containsExactlyElementsOf(ids);
    assertThat(attempts).containsOnly(1);
    assertThat(seen)
        .hasSize(phpPayloads.size())
        .allSatisfy(
            o -> {
              assertThat(o.orderId()).isEqualTo(1234567890123456789L);
              assertThat(o.note()).isEqualTo("a/b é");
              assertThat(o.tags()).isEmpty();
              assertThat(o.meta()).isNotNull().isEmpty();
            });
    assertThat(manager.failed().count()).isZero();
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(admin.exists(ready(f, q), delayed(f, q), reserved(f, q))).isZero();
  }

  private List<String> listBytes(String key) {
    List<String> out = new ArrayList<>();
    for (byte[] b : admin.lrange(key.getBytes(StandardCharsets.UTF_8), 0, -1)) {
      out.add(strictUtf8(b));
    }
    return out;
  }

  private List<String> zsetBytes(String key) {
    List<String> out = new ArrayList<>();
    for (byte[] b : admin.zrange(key.getBytes(StandardCharsets.UTF_8), 0, -1)) {
      out.add(strictUtf8(b));
    }
    return out;
  }

  /**
   * Decodes stored bytes, failing on anything that is not valid UTF-8 (a lossy decode would hide
   * corruption).
   */
  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("Stored member is not valid UTF-8", e);
    }
  }
}
