package org.thinkqueue.jdbc;

class TransactionalPushH2Test extends TransactionalPushSupport {
  @Override
  protected String jdbcUrl() {
    return TestTables.h2Url();
  }
}
