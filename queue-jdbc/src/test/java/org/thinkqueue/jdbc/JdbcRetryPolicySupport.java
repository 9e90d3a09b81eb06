/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue.jdbc;

import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RetryPolicyContract;

/**
 * The retry-policy contract on one database in one wire format: each test gets its own {@code pol_}
 * tables, dropped afterwards.
 */
abstract class JdbcRetryPolicySupport extends RetryPolicyContract {
  private final WireFormat format;
  private TestTables tables;

  JdbcRetryPolicySupport(WireFormat format) {
    this.format = format;
  }

  /** The JDBC URL of the database under test. */
  protected abstract String jdbcUrl();

  @Override
  protected Connector createConnector() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4, "pol_");
    return tables.connector(format).build();
  }

  @Override
  protected void cleanUp() {
    if (tables != null) {
      tables.close();
      tables = null;
    }
  }
}
