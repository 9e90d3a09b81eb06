package org.thinkqueue.faults;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

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
