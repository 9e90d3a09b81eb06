package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class MariaDbConnectorV1IT extends JdbcContractSupport {
  MariaDbConnectorV1IT() {
    super(WireFormat.V1);
  }

  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }
}
