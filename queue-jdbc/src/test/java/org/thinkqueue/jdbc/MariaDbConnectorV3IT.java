package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class MariaDbConnectorV3IT extends JdbcContractSupport {
  MariaDbConnectorV3IT() {
    super(WireFormat.V3);
  }

  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }
}
