package org.thinkqueue.jdbc;

class GoldenRowsH2Test extends GoldenRowsSupport {
  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }
}
