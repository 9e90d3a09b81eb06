package org.thinkqueue.faults;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/** The fault suite on PostgreSQL: the test's own tables and login role; an outage is NOLOGIN + terminate. */
@RequiresService(Service.POSTGRES)
class PostgresFaultsIT extends FaultSuite {
  PostgresFaultsIT() {
    super("PostgreSQL", true);
  }

  @Override
  Backend backend() {
    return new JdbcBackend(JdbcBackend.Flavour.POSTGRESQL, Services.postgresJdbcUrl());
  }

  @Override
  Backend outageBackend() {
    return backend();
  }
}
