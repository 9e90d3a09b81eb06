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
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;

/**
 * Payloads written raw into the ready list by other producers, whose {@code attempts} is not
 * think-queue's trailing integer: each counts its reservations, so a job that always throws runs at
 * most its tries and is then failed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisPoisonPayloadIT extends RedisQueueFixture {
  private static final String ID = "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD";

  /**
   * A raw payload and the attempt its first reservation is, in 3.x (reservations so far + 1) and
   * 1.x (the stored 1-based number, at least 1).
   */
  static Stream<Arguments> payloads() {
    return Stream.of(
        Arguments.of(
            "attempts not last",
            "{\"job\":\"T\",\"attempts\":0,\"id\":\"" + ID + "\",\"data\":{}}",
            1,
            1),
        Arguments.of("attempts missing", "{\"job\":\"T\",\"id\":\"" + ID + "\",\"data\":{}}", 1, 1),
        Arguments.of(
            "attempts a string",
            "{\"job\":\"T\",\"data\":{},\"id\":\"" + ID + "\",\"attempts\":\"2\"}",
            3,
            2),
        Arguments.of(
            "attempts negative",
            "{\"job\":\"T\",\"data\":{},\"id\":\"" + ID + "\",\"attempts\":-5}",
            1,
            1),
        Arguments.of(
            "attempts a float",
            "{\"job\":\"T\",\"data\":{},\"id\":\"" + ID + "\",\"attempts\":1.5}",
            2,
            1),
        Arguments.of(
            "attempts null",
            "{\"job\":\"T\",\"data\":{},\"id\":\"" + ID + "\",\"attempts\":null}",
            1,
            1),
        Arguments.of(
            "attempts only inside data",
            "{\"job\":\"T\",\"id\":\"" + ID + "\",\"data\":{\"attempts\":0}}",
            1,
            1),
        Arguments.of(
            "whitespace everywhere",
            " { \"job\" : \"T\" , \"data\" : { } , \"id\" : \"" + ID + "\" , \"attempts\" : 0 }\n",
            1,
            1),
        Arguments.of(
            "whitespace around the last attempts",
            "{\"job\":\"T\",\"data\":[],\"id\":\"" + ID + "\",\"attempts\" :\n\t0\r\n}",
            1,
            1),
        Arguments.of("no id", "{\"job\":\"T\",\"data\":{},\"attempts\":0}", 1, 1));
  }

  static Stream<Arguments> payloadsPerFormat() {
    return payloads()
        .flatMap(
            a ->
                Stream.of(WireFormat.values())
                    .map(
                        f -> {
                          Object[] p = a.get();
                          return Arguments.of(f, p[0], p[1], f == WireFormat.V3 ? p[2] : p[3]);
                        }));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("payloadsPerFormat")
  void alwaysThrowingJobRunsAtMostItsTriesThenIsFailed(
      WireFormat f, String what, String payload, int first) {
    String q = queue("poison");
    AtomicInteger runs = new AtomicInteger();
    QueueManager manager =
        manager(
            connector(f, RedisConnector.DEFAULT_RETRY_AFTER),
            new JobRegistry()
                .handle(
                    "T",
                    Object.class,
                    data -> {
                      runs.incrementAndGet();
                      throw new IllegalStateException("always");
                    }));
    admin.rpush(ready(f, q), payload);
    Worker worker = build(worker(manager, q).tries(3).delay(Duration.ZERO));

    worker.start();

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> manager.failed().count() == 1 && sizeOf(f, q).equals(new QueueSize(0, 0, 0)));
    // Failed and deleted: nothing is left in Redis that could run a 4th time.
    assertThat(runs).as(what).hasValue(3 - first + 1);
    List<FailedJob> failed = manager.failed().list(0, 10);
    assertThat(failed)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.queue()).isEqualTo(q);
              assertThat(r.payload()).contains("\"job\"");
            });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("payloadsPerFormat")
  void reservationCountsAndKeepsEveryOtherByte(
      WireFormat f, String what, String payload, int first) {
    String q = queue("count");
    RedisConnector connector = connector(f, RedisConnector.DEFAULT_RETRY_AFTER);
    admin.rpush(ready(f, q), payload);

    ReservedJob job = connector.pop(q, 1).get(0);

    assertThat(job.rawBody()).isEqualTo(payload);
    assertThat(job.attempts()).as(what).isEqualTo(first);
    assertThat(job.id()).isEqualTo(what.equals("no id") ? null : ID);
    // Only the top-level attempts value changed, or ,"attempts":N was appended as the last member.
    String expected =
        what.equals("attempts missing") || what.equals("attempts only inside data")
            ? payload.substring(0, payload.lastIndexOf('}')) + ",\"attempts\":" + first + "}"
            : payload.replaceFirst(
                "(\"attempts\"\\s*:\\s*)(\"2\"|-5|1\\.5|null|\\d+)", "$1" + first);
    assertThat(admin.zrange(reserved(f, q), 0, -1)).containsExactly(expected);

    // Released and reserved again: the next attempt, in both formats.
    connector.release(job, Duration.ZERO);
    ReservedJob second =
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> connector.pop(q, 1), l -> !l.isEmpty())
            .get(0);
    assertThat(second.attempts()).as(what).isEqualTo(first + 1);
    connector.delete(second);
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void attemptsInsideDataIsNeverTouched(WireFormat f) {
    String q = queue("nested");
    RedisConnector connector = connector(f, RedisConnector.DEFAULT_RETRY_AFTER);
    String payload =
        "{\"job\":\"T\",\"data\":{\"attempts\":7,\"s\":\"\\\",\\\"attempts\\\":9}\"},\"id\":\""
            + ID
            + "\"}";
    admin.rpush(ready(f, q), payload);

    ReservedJob job = connector.pop(q, 1).get(0);

    assertThat(job.attempts()).isEqualTo(1);
    assertThat(admin.zrange(reserved(f, q), 0, -1))
        .containsExactly(payload.substring(0, payload.length() - 1) + ",\"attempts\":1}");
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void jobWithoutIdIsDeletedReleasedAndExtendedByItsReservation(WireFormat f) {
    String q = queue("no-id");
    RedisConnector connector = connector(f, RedisConnector.DEFAULT_RETRY_AFTER);
    admin.rpush(
        ready(f, q), "{\"job\":\"T\",\"data\":{},\"attempts\":0}", "{\"job\":\"T\",\"data\":1}");

    List<ReservedJob> jobs = List.of(connector.pop(q, 1).get(0), connector.pop(q, 1).get(0));

    assertThat(jobs).extracting(ReservedJob::id).containsOnlyNulls();
    assertThat(connector.extend(jobs.get(0))).isTrue();
    connector.release(jobs.get(0), Duration.ofSeconds(30));
    connector.delete(jobs.get(1));
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 1, 0));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void memberThatIsNotUtf8IsExtendedReleasedAndDeletedByItsExactBytes(WireFormat f) {
    // A string round trip would turn 0xFF into U+FFFD: ZREM would miss the member and the job would
    // run again at
    // every expiry, forever.
    String q = queue("not-utf8");
    RedisConnector connector = connector(f, RedisConnector.DEFAULT_RETRY_AFTER);
    byte[] head = ("{\"job\":\"T\",\"data\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\",\"id\":\"" + ID + "\",\"attempts\":0}").getBytes(StandardCharsets.UTF_8);
    byte[] raw = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    raw[head.length] = (byte) 0xFF;
    raw[head.length + 1] = (byte) 0xC3;
    System.arraycopy(tail, 0, raw, head.length + 2, tail.length);
    admin.rpush(ready(f, q).getBytes(StandardCharsets.UTF_8), raw);

    ReservedJob job = connector.pop(q, 1).get(0);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.id()).isEqualTo(ID);
    assertThat(connector.extend(job)).isTrue();
    connector.release(job, Duration.ofSeconds(30));
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 1, 0));
    byte[] delayedMember =
        admin.zrange(delayed(f, q).getBytes(StandardCharsets.UTF_8), 0, -1).get(0);
    assertThat(delayedMember).contains(0xFF, 0xC3);

    admin.del(delayed(f, q));
    admin.rpush(ready(f, q).getBytes(StandardCharsets.UTF_8), raw);
    connector.delete(connector.pop(q, 1).get(0));
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void tenMebibyteMemberIsReservedWithoutBeingReadInJava(WireFormat f) {
    String q = queue("big");
    // 10 MiB each way on a machine shared with other suites: more than the default 2 s read timeout
    // may pass.
    RedisConnector connector =
        track(
            connectorBuilder(f, RedisConnector.DEFAULT_RETRY_AFTER)
                .timeout(Duration.ofSeconds(15))
                .build());
    String big = "x".repeat(10 * 1024 * 1024);
    String trailing =
        "{\"job\":\"T\",\"data\":\"" + big + "\",\"id\":\"" + ID + "\",\"attempts\":0}";
    String leading =
        "{\"job\":\"T\",\"attempts\":0,\"id\":\"" + ID + "\",\"data\":\"" + big + "\"}";
    admin.rpush(ready(f, q), trailing, leading);

    List<ReservedJob> jobs = List.of(connector.pop(q, 1).get(0), connector.pop(q, 1).get(0));

    assertThat(jobs)
        .hasSize(2)
        .allSatisfy(
            j -> {
              assertThat(j.attempts()).isEqualTo(1);
              assertThat(j.id()).isEqualTo(ID);
            });
    assertThat(jobs.get(0).rawBody()).isEqualTo(trailing);
    assertThat(jobs.get(1).rawBody()).isEqualTo(leading);
    jobs.forEach(connector::delete);
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void expiredReservationOfAMalformedPayloadCountsOnV1() {
    // 1.x counts an expiry when the reservation goes back; the normalised member must be counted
    // from.
    String q = queue("v1-expiry");
    RedisConnector connector =
        connector(WireFormat.V1, org.thinkqueue.spi.Connector.MIN_RETRY_AFTER);
    admin.rpush(
        ready(WireFormat.V1, q),
        "{\"job\":\"T\",\"attempts\":\"x\",\"data\":{},\"id\":\"" + ID + "\"}");
    assertThat(connector.pop(q, 1).get(0).attempts()).isEqualTo(1);

    ReservedJob again =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> connector.pop(q, 1), l -> !l.isEmpty())
            .get(0);

    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.rawBody())
        .isEqualTo("{\"job\":\"T\",\"attempts\":2,\"data\":{},\"id\":\"" + ID + "\"}");
  }
}
