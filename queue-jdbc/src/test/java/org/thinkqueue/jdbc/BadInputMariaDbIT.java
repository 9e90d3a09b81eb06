package org.thinkqueue.jdbc;

import java.util.Locale;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.MARIADB)
class BadInputMariaDbIT extends BadInputSupport {
  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }

  @Override
  protected String ddlResource(WireFormat format) {
    return "org/thinkqueue/jdbc/schema/mysql-" + format.name().toLowerCase(Locale.ROOT) + ".sql";
  }
}
