package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class PostgresWorkerContractIT extends JdbcWorkerContractSupport {
  PostgresWorkerContractIT() {
    super(10_000);
  }

  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }
}
