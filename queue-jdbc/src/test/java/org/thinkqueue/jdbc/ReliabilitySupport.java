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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;

/**
 * Rows and input the connector did not write itself, on one database (issue #10 items 3, 7, 8, 17,
 * 18): a negative or maxed-out attempts count, delays past the wire format's last due time, values
 * the columns cannot hold, a dead database, a push by a producer that does not notify.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class ReliabilitySupport {
  static final String QUEUE = "default";
  static final String PAYLOAD =
      "{\"job\":\"Throws\",\"maxTries\":null,\"timeout\":null,\"data\":\"x\"}";

  TestTables tables;

  protected abstract String jdbcUrl();

  /** The largest value the attempts column of the dialect's DDL holds. */
  protected abstract int attemptsColumnMax();

  /**
   * Lets the attempts column hold negative values where the DDL's does not (MariaDB's is unsigned).
   */
  protected void allowNegativeAttempts() {}

  @BeforeEach
  void setUp() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4);
  }

  @AfterEach
  void tearDown() {
    tables.close();
  }

  /**
   * A row as PHP or a hand-written migration could leave it: {@code attempts} as given, not
   * reserved, due now.
   */
  private void insertRaw(WireFormat format, int attempts) {
    long now = System.currentTimeMillis() / 1000 - 1;
    if (format == WireFormat.V3) {
      tables.update(
          "INSERT INTO "
              + tables.table
              + " (queue, payload, attempts, reserve_time, available_time, "
              + "create_time) VALUES (?, ?, ?, NULL, ?, ?)",
          QUEUE,
          PAYLOAD,
          attempts,
          now,
          now);
    } else {
      tables.update(
          "INSERT INTO "
              + tables.table
              + " (queue, payload, attempts, reserved, reserved_at, "
              + "available_at, created_at) VALUES (?, ?, ?, 0, NULL, ?, ?)",
          QUEUE,
          PAYLOAD,
          attempts,
          now,
          now);
    }
  }

  private static QueueManager manager(JdbcConnector connector, JobRegistry registry) {
    return QueueManager.builder()
        .connection("database", connector)
        .registry(registry)
        .failedJobStore(connector.failedJobStore())
        .build();
  }

  /** Runs jobs one at a time until none is left; a throwing job is released at once. */
  private static int drain(QueueManager manager, int tries) {
    int cycles = 0;
    try (Worker worker =
        Worker.builder().manager(manager).queues(QUEUE).tries(tries).delay(Duration.ZERO).build()) {
      while (worker.runOnce()) {
        cycles++;
        assertThat(cycles).as("reservations of one job").isLessThan(50);
      }
    }
    return cycles;
  }

  // Item 3: a negative attempts count counts as 0.

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aNegativeAttemptsColumnStillFailsTheJobAfterItsTries(WireFormat format) {
    JdbcConnector connector = tables.connector(format).build();
    allowNegativeAttempts();
    insertRaw(format, -5);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    JobRegistry registry =
        new JobRegistry()
            .register(
                "Throws",
                String.class,
                (job, data) -> {
                  attempts.add(job.attempts());
                  throw new IllegalStateException("always");
                });
    try (QueueManager manager = manager(connector, registry)) {
      drain(manager, 3);
      assertThat(attempts).as("attempts seen by the handler").containsExactly(1, 2, 3);
      List<FailedJob> failed = manager.failed().list(0, 10);
      assertThat(failed).singleElement().satisfies(f -> assertThat(f.payload()).isEqualTo(PAYLOAD));
      assertThat(tables.count()).isZero();
    }
  }

  // Item 3: at the column's maximum the count saturates.

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void attemptsSaturateAtTheColumnsMaximumInsteadOfBreakingAJobThatRetriesForever(
      WireFormat format) {
    JdbcConnector connector = tables.connector(format).build();
    int max = attemptsColumnMax();
    // 3.x stores reservations so far; 1.x one less (attempts() adds one).
    insertRaw(format, format == WireFormat.V3 ? max - 1 : max - 2);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    JobRegistry registry =
        new JobRegistry()
            .register(
                "Throws",
                String.class,
                (job, data) -> {
                  attempts.add(job.attempts());
                  if (runs.incrementAndGet() < 4) {
                    throw new IllegalStateException("not yet");
                  }
                  job.delete();
                });
    try (QueueManager manager = manager(connector, registry)) {
      assertThat(drain(manager, 0)).isEqualTo(4);
      assertThat(attempts)
          .as("attempts seen by the handler")
          .hasSize(4)
          .allSatisfy(a -> assertThat(a).isBetween(max - 1, max + 1));
      assertThat(attempts.get(3)).isGreaterThanOrEqualTo(max);
      assertThat(manager.failed().count()).as("failed records").isZero();
      assertThat(tables.rows()).isEmpty();
    }
    // The reservation's UPDATE itself at the maximum: it stays there, and the reservation can still
    // be deleted.
    insertRaw(format, max);
    try (JdbcConnector c = tables.connector(format).build()) {
      ReservedJob job = c.pop(QUEUE, 1).get(0);
      assertThat(job.attempts()).isGreaterThanOrEqualTo(max);
      c.release(job, Duration.ZERO);
      ReservedJob again = c.pop(QUEUE, 1).get(0);
      assertThat(tables.rows())
          .singleElement()
          .satisfies(r -> assertThat((Long) r.get("attempts")).isEqualTo((long) max));
      c.delete(again);
      assertThat(tables.count()).isZero();
    }
  }

  // Item 7: delays past the last due time the wire format holds.

  @Test
  void delaysPastTheLastDueTimeAreRefusedNamingTheValueAndTheMaximumWithNothingWritten()
      throws Exception {
    JdbcConnector connector = tables.connector(WireFormat.V3).build();
    QueueConnection producer =
        QueueManager.builder()
            .connection("database", connector)
            .registry(new JobRegistry().register("Throws", String.class, (job, data) -> {}))
            .build()
            .connection();
    String max = Long.toString(QueueConnection.LATEST_DUE_TIME.getEpochSecond());
    Duration thousandYears = Duration.ofDays(365_000);
    Duration justPast =
        Duration.between(Instant.now(), QueueConnection.LATEST_DUE_TIME).plusSeconds(5);

    assertThatThrownBy(() -> producer.later(Long.MAX_VALUE, "Throws", "x", QUEUE))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining(Long.toString(Long.MAX_VALUE))
        .hasMessageContaining(max);
    assertThatThrownBy(() -> producer.later(thousandYears, "Throws", "x", QUEUE))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining(thousandYears.toString())
        .hasMessageContaining(max);
    // Through the SPI, which the producer's check does not guard.
    for (Duration delay : List.of(Duration.ofSeconds(Long.MAX_VALUE), thousandYears, justPast)) {
      assertThatThrownBy(() -> connector.pushRaw(QUEUE, PAYLOAD, delay))
          .isInstanceOfSatisfying(
              InvalidDelayException.class, e -> assertThat(e.delay()).isEqualTo(delay))
          .hasMessageContaining(delay.toString())
          .hasMessageContaining(max);
      try (Connection c = tables.pool.getConnection()) {
        c.setAutoCommit(false);
        assertThatThrownBy(() -> connector.pushRaw(c, QUEUE, PAYLOAD, delay))
            .isInstanceOf(InvalidDelayException.class)
            .hasMessageContaining(max);
        c.commit();
      }
    }
    assertThatThrownBy(() -> connector.pushRaw(QUEUE, PAYLOAD, Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining("negative");
    assertThat(tables.count()).as("rows written").isZero();

    // A release asking for such a delay leaves the reservation as it was.
    connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO);
    ReservedJob job = connector.pop(QUEUE, 1).get(0);
    assertThatThrownBy(() -> connector.release(job, thousandYears))
        .isInstanceOf(InvalidDelayException.class);
    assertThat(connector.size(QUEUE).reserved()).isEqualTo(1);
    connector.delete(job);

    // The last second the wire format holds is accepted, MariaDB's unsigned INT included.
    Duration justBefore =
        Duration.between(Instant.now(), QueueConnection.LATEST_DUE_TIME).minusSeconds(60);
    producer.later(justBefore, "Throws", "x", QUEUE);
    assertThat(connector.size(QUEUE).delayed()).isEqualTo(1);
    assertThat(tables.rows())
        .singleElement()
        .satisfies(
            r ->
                assertThat((Long) r.get("available_time"))
                    .isLessThanOrEqualTo(QueueConnection.LATEST_DUE_TIME.getEpochSecond()));
  }

  // Item 8: what the database refuses is data, not a lost connection.

  @Test
  void aValueTheColumnCannotHoldIsAQueueDataExceptionAndNothingIsWritten() throws Exception {
    JdbcConnector connector = tables.connector(WireFormat.V3).build();
    String tooLong = "q".repeat(300); // queue is VARCHAR(255)
    assertThatThrownBy(() -> connector.pushRaw(tooLong, PAYLOAD, Duration.ZERO))
        .isInstanceOf(QueueDataException.class)
        .isNotInstanceOf(ConnectionException.class)
        .hasMessageContaining("push to");
    assertThatThrownBy(() -> connector.bulkRaw(tooLong, List.of(PAYLOAD, PAYLOAD)))
        .isInstanceOf(QueueDataException.class);
    try (Connection c = tables.pool.getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> connector.pushRaw(c, tooLong, PAYLOAD, Duration.ZERO))
          .isInstanceOf(QueueDataException.class)
          .hasMessageContaining("caller's transaction");
      c.rollback();
    }
    assertThat(tables.count()).isZero();
  }

  @Test
  void aDeadDatabaseIsATransientConnectionException() {
    HikariDataSource own = DataSources.pool(jdbcUrl(), getClass().getSimpleName() + "-own", 2);
    JdbcConnector connector = tables.connector(WireFormat.V3).dataSource(own).build();
    connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO);
    own.close();
    assertThatThrownBy(() -> connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO))
        .isInstanceOfSatisfying(
            ConnectionException.class, e -> assertThat(e.isTransient()).isTrue())
        .isNotInstanceOf(QueueDataException.class);
    assertThatThrownBy(() -> connector.pop(QUEUE, 1))
        .isInstanceOfSatisfying(
            ConnectionException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThatThrownBy(() -> connector.failedJobStore().count())
        .isInstanceOfSatisfying(
            ConnectionException.class, e -> assertThat(e.isTransient()).isTrue());
    connector.close();
  }

  // Item 17: retryAfter is whole seconds, at least Connector.MIN_RETRY_AFTER.

  @Test
  void aRetryAfterShorterThanTheMinimumOrNotWholeSecondsIsRefusedNamingTheValue() {
    for (Duration bad :
        List.of(
            Duration.ZERO,
            Duration.ofMillis(1999),
            Duration.ofSeconds(1),
            Duration.ofMillis(2500),
            Duration.ofSeconds(-3))) {
      assertThatThrownBy(() -> JdbcConnector.builder().retryAfter(bad))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("retryAfter"))
          .hasMessageContaining(bad.toString());
    }
    JdbcConnector connector =
        tables.connector(WireFormat.V3).retryAfter(Connector.MIN_RETRY_AFTER).build();
    assertThat(connector.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(tables.connector(WireFormat.V3).retryAfter(null).build().retryAfter()).isNull();
  }

  // Item 18: a push by a producer that does not notify (PHP) is seen by polling.

  @Test
  void awaitWorkSeesARowInsertedByAnotherProducerWithinThePollInterval() throws Exception {
    JdbcConnector connector = tables.connector(WireFormat.V3).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> returnedAt =
          pool.submit(
              () -> {
                connector.awaitWork(List.of(QUEUE), Duration.ofSeconds(30));
                return System.nanoTime();
              });
      // Nothing is due: the wait outlasts several poll intervals.
      await()
          .during(JdbcConnector.MAX_POLL_INTERVAL.multipliedBy(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> !returnedAt.isDone());
      long insertedAt = System.nanoTime();
      insertRaw(WireFormat.V3, 0);
      long ms = TimeUnit.NANOSECONDS.toMillis(returnedAt.get(30, TimeUnit.SECONDS) - insertedAt);
      assertThat(ms)
          .as("ms from a plain INSERT to the end of a 30 s wait")
          .isLessThan(JdbcConnector.MAX_POLL_INTERVAL.toMillis() + 1_500);
      assertThat(connector.pop(QUEUE, 1)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
