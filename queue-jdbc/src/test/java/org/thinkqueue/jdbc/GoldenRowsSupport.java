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
package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;

/**
 * The jobs rows after push, reserve, release and expiry, read with plain JDBC and compared column
 * by column with think-queue's (reference §4.1 for 1.x, §4.2 for 3.x). Times are whole Unix
 * seconds, checked to within 2 s. Time passing is simulated by moving the row's own time columns
 * back, as a later clock would see them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class GoldenRowsSupport {
  static final String QUEUE = "emails";
  static final String JOB = "app\\job\\SendMail";
  static final Map<String, Object> DATA = Map.of("to", "a/b \u00e9");

  /**
   * DATA as Java writes it: plain UTF-8 (PHP's json_decode reads it the same as its own escaped
   * form).
   */
  static final String DATA_JSON = "{\"to\":\"a/b \u00e9\"}";

  /** DATA as PHP's json_encode writes it: slashes and non-ASCII escaped. */
  static final String PHP_DATA_JSON = "{\"to\":\"a\\/b \\u00e9\"}";

  static final String V3_PAYLOAD = v3Payload(DATA_JSON);
  static final String V1_PAYLOAD = v1Payload(DATA_JSON);

  private TestTables tables;
  private JdbcConnector connector;
  private QueueManager manager;
  private Worker worker;

  protected abstract String jdbcUrl();

  private void open(WireFormat format, JobRegistry registry) {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4);
    connector = tables.connector(format).retryAfter(Duration.ofSeconds(60)).build();
    manager =
        QueueManager.builder()
            .connection("database", connector)
            .registry(registry)
            .checkJobNamesOnPush(false)
            .build();
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    if (manager != null) {
      manager.close();
    }
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  void v3RowsFollowThinkQueue3() {
    open(WireFormat.V3, new JobRegistry());
    String pushedId = manager.push(JOB, DATA, QUEUE);

    Map<String, Object> row = onlyRow();
    assertThat(row.keySet())
        .containsExactly(
            "id", "queue", "payload", "attempts", "reserve_time", "available_time", "create_time");
    assertThat(row.get("id")).isEqualTo(Long.valueOf(pushedId));
    assertThat(row.get("queue")).isEqualTo(QUEUE);
    assertThat(row.get("payload")).isEqualTo(V3_PAYLOAD);
    assertThat(row.get("attempts")).isEqualTo(0L);
    assertThat(row.get("reserve_time")).isNull();
    assertNow(row, "available_time", 0);
    assertNow(row, "create_time", 0);
    long created = (Long) row.get("create_time");
    long available = (Long) row.get("available_time");

    ReservedJob first = connector.pop(QUEUE, 1).get(0);
    assertThat(first.id()).isEqualTo(pushedId);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.rawBody()).isEqualTo(V3_PAYLOAD);
    row = onlyRow();
    assertThat(row.get("id")).isEqualTo(Long.valueOf(pushedId));
    assertThat(row.get("payload")).isEqualTo(V3_PAYLOAD);
    assertThat(row.get("attempts")).isEqualTo(1L);
    assertNow(row, "reserve_time", 0);
    assertThat(row.get("available_time")).isEqualTo(available);
    assertThat(row.get("create_time")).isEqualTo(created);

    connector.release(first, Duration.ofSeconds(5));
    row = onlyRow();
    long releasedId = (Long) row.get("id");
    assertThat(releasedId).as("release inserts a new row").isGreaterThan(Long.parseLong(pushedId));
    assertThat(row.get("queue")).isEqualTo(QUEUE);
    assertThat(row.get("payload")).isEqualTo(V3_PAYLOAD);
    assertThat(row.get("attempts")).isEqualTo(1L);
    assertThat(row.get("reserve_time")).isNull();
    assertNow(row, "available_time", 5);
    assertNow(row, "create_time", 0);
    assertThat(connector.pop(QUEUE, 1)).as("not due for 5 s").isEmpty();

    tables.update("UPDATE " + tables.table + " SET available_time = available_time - 5");
    ReservedJob second = connector.pop(QUEUE, 1).get(0);
    assertThat(second.id()).isEqualTo(Long.toString(releasedId));
    assertThat(second.attempts()).isEqualTo(2);
    row = onlyRow();
    assertThat(row.get("attempts")).isEqualTo(2L);
    assertNow(row, "reserve_time", 0);
    assertThat(connector.pop(QUEUE, 1)).as("reserved and not expired").isEmpty();

    // retry_after (60 s) passes: the select's OR branch re-takes it, whatever available_time says,
    // attempts + 1
    tables.update(
        "UPDATE "
            + tables.table
            + " SET reserve_time = reserve_time - 61, available_time = available_time + 3600");
    ReservedJob third = connector.pop(QUEUE, 1).get(0);
    assertThat(third.id()).isEqualTo(Long.toString(releasedId));
    assertThat(third.attempts()).isEqualTo(3);
    row = onlyRow();
    assertThat(row.get("id")).isEqualTo(releasedId);
    assertThat(row.get("attempts")).isEqualTo(3L);
    assertNow(row, "reserve_time", 0);
    assertNow(row, "available_time", 3600);
    assertThat(row.get("payload")).isEqualTo(V3_PAYLOAD);

    connector.delete(second);
    assertThat(tables.rows())
        .as("a stale reservation's delete leaves the new reservation alone")
        .hasSize(1);
    connector.delete(third);
    assertThat(tables.rows()).isEmpty();
  }

  @Test
  void v1RowsFollowThinkQueue1() {
    open(WireFormat.V1, new JobRegistry());
    String pushedId = manager.push(JOB, DATA, QUEUE);

    Map<String, Object> row = onlyRow();
    assertThat(row.keySet())
        .containsExactly(
            "id",
            "queue",
            "payload",
            "attempts",
            "reserved",
            "reserved_at",
            "available_at",
            "created_at");
    assertThat(row.get("id")).isEqualTo(Long.valueOf(pushedId));
    assertThat(row.get("queue")).isEqualTo(QUEUE);
    assertThat(row.get("payload")).isEqualTo(V1_PAYLOAD);
    assertThat(row.get("attempts")).isEqualTo(0L);
    assertThat(row.get("reserved")).isEqualTo(0L);
    assertThat(row.get("reserved_at")).isNull();
    assertNow(row, "available_at", 0);
    assertNow(row, "created_at", 0);
    long created = (Long) row.get("created_at");

    ReservedJob first = connector.pop(QUEUE, 1).get(0);
    assertThat(first.id()).isEqualTo(pushedId);
    assertThat(first.attempts()).as("1.x attempts() is the column + 1, in memory").isEqualTo(1);
    row = onlyRow();
    assertThat(row.get("attempts")).isEqualTo(0L);
    assertThat(row.get("reserved")).isEqualTo(1L);
    assertNow(row, "reserved_at", 0);
    assertThat(row.get("created_at")).isEqualTo(created);

    connector.release(first, Duration.ofSeconds(5));
    row = onlyRow();
    long releasedId = (Long) row.get("id");
    assertThat(releasedId).isGreaterThan(Long.parseLong(pushedId));
    assertThat(row.get("payload")).isEqualTo(V1_PAYLOAD);
    assertThat(row.get("attempts")).as("release stores the in-memory attempts").isEqualTo(1L);
    assertThat(row.get("reserved")).isEqualTo(0L);
    assertThat(row.get("reserved_at")).isNull();
    assertNow(row, "available_at", 5);
    assertNow(row, "created_at", 0);
    assertThat(connector.pop(QUEUE, 1)).isEmpty();

    tables.update("UPDATE " + tables.table + " SET available_at = available_at - 5");
    ReservedJob second = connector.pop(QUEUE, 1).get(0);
    assertThat(second.attempts()).isEqualTo(2);
    row = onlyRow();
    assertThat(row.get("attempts")).isEqualTo(1L);
    assertThat(row.get("reserved")).isEqualTo(1L);
    assertNow(row, "reserved_at", 0);
    assertThat(connector.pop(QUEUE, 1)).isEmpty();

    // expire passes: 1.x un-reserves it with attempts + 1, then reserves it again
    tables.update("UPDATE " + tables.table + " SET reserved_at = reserved_at - 61");
    ReservedJob third = connector.pop(QUEUE, 1).get(0);
    assertThat(third.id()).isEqualTo(Long.toString(releasedId));
    assertThat(third.attempts()).isEqualTo(3);
    row = onlyRow();
    assertThat(row.get("attempts")).isEqualTo(2L);
    assertThat(row.get("reserved")).isEqualTo(1L);
    assertNow(row, "reserved_at", 0);

    connector.delete(second);
    assertThat(tables.rows()).hasSize(1);
    connector.delete(third);
    assertThat(tables.rows()).isEmpty();
  }

  @Test
  void aRowInsertedAsPhp3InsertsItIsProcessedAndDeleted() {
    List<String> seen = new CopyOnWriteArrayList<>();
    JobRegistry registry = new JobRegistry();
    registry.register(
        JOB,
        JsonNode.class,
        (job, data) -> {
          seen.add(job.getId() + " " + job.attempts() + " " + data.get("to").asText());
          job.delete();
        });
    open(WireFormat.V3, registry);
    long now = System.currentTimeMillis() / 1000 - 1;
    tables.update(
        "INSERT INTO "
            + tables.table
            + " (queue, attempts, reserve_time, available_time, create_time, "
            + "payload) VALUES (?, 0, NULL, ?, ?, ?)",
        "default",
        now,
        now,
        v3Payload(PHP_DATA_JSON));
    long id = (Long) onlyRow().get("id");

    worker = Worker.builder().manager(manager).queues("default").build();
    assertThat(worker.runOnce()).isTrue();

    assertThat(seen).containsExactly(id + " 1 a/b \u00e9");
    assertThat(tables.rows()).isEmpty();
  }

  @Test
  void aRowInsertedAsPhp1InsertsItIsProcessedAndDeleted() {
    List<String> seen = new CopyOnWriteArrayList<>();
    JobRegistry registry = new JobRegistry();
    registry.register(
        JOB,
        JsonNode.class,
        (job, data) -> {
          seen.add(job.getId() + " " + job.attempts() + " " + data.get("to").asText());
          job.delete();
        });
    open(WireFormat.V1, registry);
    long now = System.currentTimeMillis() / 1000 - 1;
    tables.update(
        "INSERT INTO "
            + tables.table
            + " (queue, payload, attempts, reserved, reserved_at, available_at, "
            + "created_at) VALUES (?, ?, 0, 0, NULL, ?, ?)",
        "default",
        v1Payload(PHP_DATA_JSON),
        now,
        now);
    long id = (Long) onlyRow().get("id");

    worker = Worker.builder().manager(manager).queues("default").build();
    assertThat(worker.runOnce()).isTrue();

    assertThat(seen).containsExactly(id + " 1 a/b \u00e9");
    assertThat(tables.rows()).isEmpty();
  }

  static String v3Payload(String dataJson) {
    return "{\"job\":\"app\\\\job\\\\SendMail\",\"maxTries\":null,\"timeout\":null,\"data\":"
        + dataJson
        + "}";
  }

  static String v1Payload(String dataJson) {
    return "{\"job\":\"app\\\\job\\\\SendMail\",\"data\":" + dataJson + "}";
  }

  private Map<String, Object> onlyRow() {
    List<Map<String, Object>> rows = tables.rows();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void assertNow(Map<String, Object> row, String column, long plusSeconds) {
    long expected = System.currentTimeMillis() / 1000 + plusSeconds;
    assertThat(row.get(column)).as(column).isInstanceOf(Long.class);
    assertThat((Long) row.get(column)).as(column).isCloseTo(expected, within(2L));
  }
}
