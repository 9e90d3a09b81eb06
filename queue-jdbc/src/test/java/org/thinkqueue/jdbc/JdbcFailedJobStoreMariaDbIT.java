package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

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
