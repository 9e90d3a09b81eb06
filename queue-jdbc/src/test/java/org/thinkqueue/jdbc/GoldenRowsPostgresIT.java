package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class GoldenRowsPostgresIT extends GoldenRowsSupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }
}
