package org.thinkqueue.jdbc;

class H2WorkerContractTest extends JdbcWorkerContractSupport {
  H2WorkerContractTest() {
    super(2_000);
  }

  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }
}
