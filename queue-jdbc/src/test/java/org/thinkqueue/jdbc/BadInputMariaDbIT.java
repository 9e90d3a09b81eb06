package org.thinkqueue.jdbc;

import java.util.Locale;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

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
