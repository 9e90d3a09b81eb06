package org.thinkqueue.jdbc;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

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
