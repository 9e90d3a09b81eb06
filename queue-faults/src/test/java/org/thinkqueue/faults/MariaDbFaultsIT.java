package org.thinkqueue.faults;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/**
 * The fault suite on MariaDB: the test's own tables and user; an outage is ACCOUNT LOCK + KILL CONNECTION of that
 * user's sessions. Its {@code attempts} column (TINYINT UNSIGNED) cannot hold a negative count.
 */
@RequiresService(Service.MARIADB)
class MariaDbFaultsIT extends FaultSuite {
  MariaDbFaultsIT() {
    super("MariaDB", false);
  }

  @Override
  Backend backend() {
    return new JdbcBackend(JdbcBackend.Flavour.MARIADB, Services.mariaDbJdbcUrl());
  }

  @Override
  Backend outageBackend() {
    return backend();
  }
}
