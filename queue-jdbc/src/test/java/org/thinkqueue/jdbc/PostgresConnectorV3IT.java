package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.POSTGRES)
class PostgresConnectorV3IT extends JdbcContractSupport {
  PostgresConnectorV3IT() {
    super(WireFormat.V3);
  }

  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }
}
