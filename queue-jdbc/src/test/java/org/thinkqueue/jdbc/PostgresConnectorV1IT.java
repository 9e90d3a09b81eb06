package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

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
