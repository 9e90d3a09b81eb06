package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class JdbcFailedJobStoreMariaDbIT extends JdbcFailedJobStoreSupport {
  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }

  @Override
  protected String setSessionTimeZone(String offset) {
    return "SET time_zone = '" + offset + "'";
  }

  @Override
  protected boolean failTimeIsAnInstant() {
    return true;
  }
}
