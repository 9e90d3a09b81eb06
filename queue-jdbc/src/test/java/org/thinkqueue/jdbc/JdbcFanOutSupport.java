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

import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.FanOutContract;

/**
 * The fan-out contract on one database and wire format: each test gets its own {@code fo_} tables,
 * dropped afterwards. A queue refuses writes through a {@code CHECK} constraint on the jobs table.
 */
abstract class JdbcFanOutSupport extends FanOutContract {
  private final WireFormat format;
  private TestTables tables;

  JdbcFanOutSupport(WireFormat format) {
    super(true);
    this.format = format;
  }

  /** The JDBC URL of the database under test. */
  abstract String jdbcUrl();

  @Override
  protected Connector createConnector() {
    if (tables == null) {
      tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 8, "fo_");
    }
    return tables.connector(format).build();
  }

  @Override
  protected void refuseWritesTo(String queue) {
    tables.update(
        "ALTER TABLE "
            + tables.table
            + " ADD CONSTRAINT "
            + tables.table
            + "_refuse CHECK (queue <> '"
            + queue
            + "')");
  }

  @Override
  protected void cleanUp(List<String> queues) {
    if (tables != null) {
      tables.close();
      tables = null;
    }
  }
}
