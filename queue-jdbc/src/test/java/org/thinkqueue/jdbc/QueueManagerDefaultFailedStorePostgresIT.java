package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.POSTGRES)
class QueueManagerDefaultFailedStorePostgresIT extends QueueManagerDefaultFailedStoreSupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }
}
