package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

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
