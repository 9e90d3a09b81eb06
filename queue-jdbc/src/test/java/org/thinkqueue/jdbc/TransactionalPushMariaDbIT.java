package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class TransactionalPushMariaDbIT extends TransactionalPushSupport {
  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }
}
