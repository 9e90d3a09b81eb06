package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class JdbcFailedJobStorePostgresIT extends JdbcFailedJobStoreSupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }

  @Override
  protected String setSessionTimeZone(String offset) {
    return "SET TIME ZONE INTERVAL '" + offset + "' HOUR TO MINUTE";
  }
}
