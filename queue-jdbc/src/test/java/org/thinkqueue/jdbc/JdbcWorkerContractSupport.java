package org.thinkqueue.jdbc;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.WorkerContract;

/** The worker contract on one database: each test gets its own tables on one pool, dropped afterwards. */
abstract class JdbcWorkerContractSupport extends WorkerContract {
  private TestTables tables;

  JdbcWorkerContractSupport(int contentionJobs) {
    super(contentionJobs, true, true);
  }

  /** The JDBC URL of the database under test. */
  protected abstract String jdbcUrl();

  @Override
  protected Connector createConnector(Duration retryAfter) {
    if (tables == null) {
      // Two workers of four threads each, their pollers, ack threads and the test's own size checks.
      tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 20);
    }
    return tables.connector(WireFormat.V3).retryAfter(retryAfter).build();
  }

  @Override
  protected void cleanUp() {
    if (tables != null) {
      tables.close();
      tables = null;
    }
  }
}
