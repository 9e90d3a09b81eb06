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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.WireFormat;

class BadInputH2Test extends BadInputSupport {
  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }

  @Override
  protected String ddlResource(WireFormat format) {
    return "org/thinkqueue/jdbc/schema/h2-" + format.name().toLowerCase(Locale.ROOT) + ".sql";
  }

  @ParameterizedTest
  @ValueSource(strings = {"jobs'", "jobs; DROP TABLE users", "my jobs", "jobs\"", "", "j\u00f6bs"})
  void tableNamesThatAreNotPlainIdentifiersAreRefusedNamingTheSetting(String name) {
    assertThatThrownBy(() -> JdbcConnector.builder().table(name))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("table"))
        .hasMessageContaining("'table'")
        .hasMessageContaining("[A-Za-z0-9_]{1,64}");
    assertThatThrownBy(() -> JdbcConnector.builder().failedTable(name))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("failedTable"));
    if (!name.isEmpty()) {
      assertThatThrownBy(() -> JdbcConnector.builder().prefix(name))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("prefix"));
    }
  }

  @Test
  void aTableNameLongerThan64CharactersWithItsPrefixIsRefused() {
    assertThatThrownBy(
            () ->
                JdbcConnector.builder()
                    .dataSource(tables.pool)
                    .prefix("p".repeat(10))
                    .table("t".repeat(60))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("prefix"));
  }

  @Test
  void anUnreachableDatabaseIsAConnectionException() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=1");
    config.setConnectionTimeout(250);
    config.setInitializationFailTimeout(-1);
    try (HikariDataSource unreachable = new HikariDataSource(config)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> JdbcConnector.builder().dataSource(unreachable).build())
          .isInstanceOfSatisfying(
              ConnectionException.class, e -> assertThat(e.isTransient()).isTrue())
          .hasMessageContaining("Database failed to");
      assertThatThrownBy(
              () ->
                  JdbcConnector.builder()
                      .dataSource(unreachable)
                      .dialect(Dialect.POSTGRESQL)
                      .build())
          .isInstanceOf(ConnectionException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to give up").isLessThan(10_000);
    }
  }
}
