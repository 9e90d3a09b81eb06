package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class PostgresConnectorV1IT extends JdbcContractSupport {
  PostgresConnectorV1IT() {
    super(WireFormat.V1);
  }

  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }
}
