package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class QueueManagerDefaultFailedStoreMariaDbIT extends QueueManagerDefaultFailedStoreSupport {
  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }
}
