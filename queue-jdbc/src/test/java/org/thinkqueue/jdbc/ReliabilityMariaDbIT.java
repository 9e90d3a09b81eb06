package org.thinkqueue.jdbc;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.MARIADB)
class ReliabilityMariaDbIT extends ReliabilitySupport {
  @Override
  protected String jdbcUrl() {
    return Services.mariaDbJdbcUrl();
  }

  @Override
  protected int attemptsColumnMax() {
    return 255; // TINYINT UNSIGNED
  }

  /** think-queue's column is unsigned; a hand-written migration may have made it a signed TINYINT. */
  @Override
  protected void allowNegativeAttempts() {
    tables.update("ALTER TABLE " + tables.table + " MODIFY attempts TINYINT NOT NULL");
  }
}
