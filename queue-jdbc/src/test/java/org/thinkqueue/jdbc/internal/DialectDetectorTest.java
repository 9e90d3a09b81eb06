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
package org.thinkqueue.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.jdbc.Dialect;

/**
 * Product name and version pick the dialect; versions without SKIP LOCKED are refused naming both
 * versions.
 */
class DialectDetectorTest {

  @ParameterizedTest
  @CsvSource({
    "PostgreSQL, 15.4, 15, 4, POSTGRESQL",
    "PostgreSQL, 9.5.25, 9, 5, POSTGRESQL",
    "MariaDB, 10.11.6-MariaDB-0+deb12u1, 10, 11, MYSQL",
    "MariaDB, 10.6.16-MariaDB, 10, 6, MYSQL",
    "MariaDB, 11.4.2-MariaDB, 11, 4, MYSQL",
    // MySQL Connector/J on MariaDB: product MySQL, the version behind the 5.5.5- replication prefix
    "MySQL, 5.5.5-10.11.6-MariaDB, 5, 5, MYSQL",
    "MySQL, 8.0.36, 8, 0, MYSQL",
    "MySQL, 8.4.0, 8, 4, MYSQL",
    "H2, 2.5.252 (2025-01-01), 2, 5, H2"
  })
  void supportedVersionsAreDetected(
      String product, String version, int major, int minor, Dialect expected) {
    assertThat(DialectDetector.detect(product, version, major, minor).selector())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "MySQL, 5.7.44, 5, 7, MySQL 5.7.44, MySQL 8.0",
    "MariaDB, 10.5.23-MariaDB, 10, 5, MariaDB 10.5.23-MariaDB, MariaDB 10.6",
    "MySQL, 5.5.5-10.3.39-MariaDB, 5, 5, MariaDB 5.5.5-10.3.39-MariaDB, MariaDB 10.6",
    "PostgreSQL, 9.4.26, 9, 4, PostgreSQL 9.4.26, PostgreSQL 9.5",
    "H2, 1.4.200 (2019-10-14), 1, 4, H2 1.4.200 (2019-10-14), H2 2.0"
  })
  void versionsWithoutSkipLockedAreRefusedNamingTheVersionFoundAndNeeded(
      String product, String version, int major, int minor, String found, String needed) {
    assertThatThrownBy(() -> DialectDetector.detect(product, version, major, minor))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("dialect"))
        .hasMessageContaining(found)
        .hasMessageContaining("needs " + needed + " or later")
        .hasMessageContaining("SKIP LOCKED");
  }

  @Test
  void anUnknownDatabaseIsRefusedNamingTheProduct() {
    assertThatThrownBy(() -> DialectDetector.detect("Oracle", "19.0", 19, 0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Oracle")
        .hasMessageContaining("unsupported database");
  }

  @Test
  void eachSelectorHasItsDialect() {
    for (Dialect d : Dialect.values()) {
      assertThat(DialectDetector.of(d).selector()).isEqualTo(d);
    }
    assertThat(DialectDetector.of(Dialect.MYSQL).attemptsCap()).isEqualTo(255);
    assertThat(DialectDetector.of(Dialect.POSTGRESQL).attemptsCap()).isEqualTo(32767);
  }

  @Test
  void onlyH2RunsOnAClock() {
    JdbcDialect clocked =
        DialectDetector.withClock(DialectDetector.of(Dialect.H2), Clock.systemUTC());
    assertThat(clocked.nowSeconds()).startsWith(H2Clock.SECONDS);
    assertThat(clocked.selector()).isEqualTo(Dialect.H2);
    for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MYSQL}) {
      assertThatThrownBy(() -> DialectDetector.withClock(DialectDetector.of(d), Clock.systemUTC()))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("clock"));
    }
  }
}
