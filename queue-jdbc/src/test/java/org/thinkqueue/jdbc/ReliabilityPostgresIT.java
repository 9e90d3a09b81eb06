package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class ReliabilityPostgresIT extends ReliabilitySupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }

  @Override
  protected int attemptsColumnMax() {
    return Short.MAX_VALUE; // SMALLINT
  }
}
