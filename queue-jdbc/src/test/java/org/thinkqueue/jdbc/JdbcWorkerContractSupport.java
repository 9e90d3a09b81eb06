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

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.WorkerContract;

/**
 * The worker contract on one database: each test gets its own tables on one pool, dropped
 * afterwards.
 */
abstract class JdbcWorkerContractSupport extends WorkerContract {
  private TestTables tables;

  JdbcWorkerContractSupport(int contentionJobs) {
    super(contentionJobs, true, true);
  }

  /** The JDBC URL of the database under test. */
  protected abstract String jdbcUrl();

  @Override
  protected Connector createConnector(Duration retryAfter) {
    if (tables == null) {
      // Two workers of four threads each, their pollers, ack threads and the test's own size
      // checks.
      tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 20);
    }
    return tables.connector(WireFormat.V3).retryAfter(retryAfter).build();
  }

  @Override
  protected void cleanUp() {
    if (tables != null) {
      tables.close();
      tables = null;
    }
  }
}
