package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

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
