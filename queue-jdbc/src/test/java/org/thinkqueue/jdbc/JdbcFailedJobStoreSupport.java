package org.thinkqueue.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.thinkqueue.WireFormat;
import org.thinkqueue.contract.FailedJobStoreContract;
import org.thinkqueue.spi.FailedJobStore;

/** The failed-job store contract on one database: each test gets a fresh {@code failed_jobs} table, dropped after. */
abstract class JdbcFailedJobStoreSupport extends FailedJobStoreContract {
  private TestTables tables;
  private JdbcConnector connector;

  protected abstract String jdbcUrl();

  @Override
  protected FailedJobStore createEmptyStore() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 2);
    connector = tables.connector(WireFormat.V3).build();
    return connector.failedJobStore();
  }

  @AfterEach
  void dropTables() {
    if (tables != null) {
      connector.close();
      tables.close();
      tables = null;
    }
  }
}
