package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;

/** The public constructors put the table name into SQL: they take only what the connector's builder takes. */
class JdbcFailedJobStoreArgumentsTest {
  private final JdbcDataSource dataSource = new JdbcDataSource();

  @Test
  void aTableNameThatIsNotAPlainIdentifierIsRefusedNamingIt() {
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, "failed_jobs; DROP TABLE jobs"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("failedTable")
        .hasMessageContaining("'failed_jobs; DROP TABLE jobs'").hasMessageContaining("[A-Za-z0-9_]{1,64}");
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, null, Dialect.H2))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("failedTable");
    assertThatThrownBy(() -> new JdbcFailedJobStore(dataSource, "x".repeat(65)))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aMissingDataSourceIsRefused() {
    assertThatThrownBy(() -> new JdbcFailedJobStore(null, "failed_jobs"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataSource");
  }
}
