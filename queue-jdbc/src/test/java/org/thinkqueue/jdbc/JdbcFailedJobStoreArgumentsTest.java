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

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;

/**
 * The public constructors put the table name into SQL: they take only what the connector's builder
 * takes.
 */
class JdbcFailedJobStoreArgumentsTest {
  private final JdbcDataSource dataSource = new JdbcDataSource();

  @Test
  void aTableNameThatIsNotAPlainIdentifierIsRefusedNamingIt() {
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, "failed_jobs; DROP TABLE jobs"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("failedTable")
        .hasMessageContaining("'failed_jobs; DROP TABLE jobs'")
        .hasMessageContaining("[A-Za-z0-9_]{1,64}");
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, null, Dialect.H2))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("failedTable");
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, "x".repeat(65)))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aMissingDataSourceIsRefused() {
    assertThatThrownBy(() -> new JdbcFailedJobStore(null, "failed_jobs"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("dataSource");
  }
}
