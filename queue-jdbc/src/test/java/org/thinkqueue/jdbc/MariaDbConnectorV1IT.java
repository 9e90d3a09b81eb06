package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

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
