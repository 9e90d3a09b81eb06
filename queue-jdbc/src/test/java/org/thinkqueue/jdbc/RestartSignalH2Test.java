package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RestartSignalH2Test {
  @Test
  void theRestartSignalLivesInItsTableAndIsEmptyWhenTheTableIsMissing() throws Exception {
    try (HikariDataSource pool = DataSources.pool("jdbc:h2:mem:restart" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "restart")) {
      JdbcConnector created = JdbcConnector.builder().dataSource(pool).createSchemaIfMissing(true).build();
      assertThat(created.lastRestart()).isEmpty();
      long before = System.currentTimeMillis() / 1000;
      created.signalRestart();
      assertThat(created.lastRestart()).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
          .isBetween(before - 2, before + 2));
      created.signalRestart();
      assertThat(created.lastRestart()).isPresent();

      JdbcConnector other = JdbcConnector.builder().dataSource(pool).restartTable("no_such_table").build();
      assertThat(other.lastRestart()).isEmpty();
    }
  }
}
