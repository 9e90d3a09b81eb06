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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testkit.MutableClock;

/** On H2 a connector may run on a clock the test moves: delays and leases pass without waiting. */
class ClockH2Test {
  private static final String QUEUE = "clocked";
  private static final String PAYLOAD =
      "{\"job\":\"Job\",\"maxTries\":null,\"timeout\":null,\"data\":1}";

  /**
   * Far from the wall clock, so a statement that read the database's time instead would see nothing
   * due.
   */
  private final MutableClock clock = new MutableClock(Instant.parse("2031-05-01T10:00:00.250Z"));

  private TestTables tables;

  @BeforeEach
  void setUp() {
    tables = new TestTables(TestTables.h2Url(), "ClockH2Test", 2);
  }

  @AfterEach
  void tearDown() {
    tables.close();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aDelayedJobBecomesDueWhenTheClockIsAdvanced(WireFormat format) throws Exception {
    try (JdbcConnector connector = tables.connector(format).clock(clock).build()) {
      connector.pushRaw(QUEUE, PAYLOAD, Duration.ofSeconds(30));
      assertThat(tables.rows())
          .last()
          .satisfies(
              row ->
                  assertThat(row)
                      .containsEntry(
                          format == WireFormat.V3 ? "create_time" : "created_at",
                          clock.millis() / 1000));
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 1, 0));
      assertThat(connector.pop(QUEUE, 1)).isEmpty();

      clock.advance(Duration.ofSeconds(29));
      assertThat(connector.pop(QUEUE, 1)).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(1, 0, 0));
      long start = System.nanoTime();
      connector.awaitWork(List.of(QUEUE), Duration.ofSeconds(30));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("a due job ends the wait")
          .isLessThan(Duration.ofSeconds(10));
      List<ReservedJob> jobs = connector.pop(QUEUE, 1);
      assertThat(jobs).singleElement().satisfies(j -> assertThat(j.attempts()).isEqualTo(1));
      connector.delete(jobs.get(0));
      assertThat(tables.count()).isZero();
    }
  }

  @Test
  void aReservationExpiresWhenTheClockPassesRetryAfter() {
    try (JdbcConnector connector =
        tables.connector(WireFormat.V3).retryAfter(Duration.ofSeconds(60)).clock(clock).build()) {
      connector.pushRaw(QUEUE, PAYLOAD, Duration.ZERO);
      ReservedJob first = connector.pop(QUEUE, 1).get(0);
      clock.advance(Duration.ofSeconds(59));
      assertThat(connector.pop(QUEUE, 1)).isEmpty();
      clock.advance(Duration.ofSeconds(1));

      ReservedJob again = connector.pop(QUEUE, 1).get(0);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(again.attempts()).isEqualTo(2);
      assertThat(connector.extend(first)).as("the expired reservation is stale").isFalse();
      assertThat(connector.extend(again)).isTrue();
      connector.signalRestart();
      assertThat(connector.lastRestart()).hasValue(Long.toString(clock.millis() / 1000));
    }
  }

  @Test
  void aClockIsRefusedOnTheOtherDatabases() {
    assertThatThrownBy(
            () -> tables.connector(WireFormat.V3).dialect(Dialect.MYSQL).clock(clock).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("clock"))
        .hasMessageContaining("H2 only");
  }
}
