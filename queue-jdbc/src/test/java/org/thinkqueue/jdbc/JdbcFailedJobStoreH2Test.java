package org.thinkqueue.jdbc;

class JdbcFailedJobStoreH2Test extends JdbcFailedJobStoreSupport {
  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }

  @Override
  protected String setSessionTimeZone(String offset) {
    return "SET TIME ZONE '" + offset + "'";
  }
}
