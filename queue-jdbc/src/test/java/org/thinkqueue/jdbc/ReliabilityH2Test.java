package org.thinkqueue.jdbc;

class ReliabilityH2Test extends ReliabilitySupport {
  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }

  @Override
  protected int attemptsColumnMax() {
    return Short.MAX_VALUE; // SMALLINT
  }
}
