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

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RestartSignalH2Test {
  @Test
  void theRestartSignalLivesInItsTableAndIsEmptyWhenTheTableIsMissing() throws Exception {
    try (HikariDataSource pool =
        DataSources.pool(
            "jdbc:h2:mem:restart" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "restart")) {
      JdbcConnector created =
          JdbcConnector.builder().dataSource(pool).createSchemaIfMissing(true).build();
      assertThat(created.lastRestart()).isEmpty();
      long before = System.currentTimeMillis() / 1000;
      created.signalRestart();
      assertThat(created.lastRestart())
          .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(before - 2, before + 2));
      created.signalRestart();
      assertThat(created.lastRestart()).isPresent();

      JdbcConnector other =
          JdbcConnector.builder().dataSource(pool).restartTable("no_such_table").build();
      assertThat(other.lastRestart()).isEmpty();
    }
  }
}
