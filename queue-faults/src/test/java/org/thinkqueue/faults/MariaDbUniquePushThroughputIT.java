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
package org.thinkqueue.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/** The unique-push test on MariaDB: the keys are rows of the test's {@code <table>_unique}. */
@RequiresService(Service.MARIADB)
class MariaDbUniquePushThroughputIT extends UniquePushThroughputSuite {
  MariaDbUniquePushThroughputIT() {
    super("MariaDB");
  }

  @Override
  Backend backend() {
    return new JdbcBackend(JdbcBackend.Flavour.MARIADB, Services.mariaDbJdbcUrl());
  }

  @Override
  long heldKeys(Backend backend) throws Exception {
    try (Connection c = DriverManager.getConnection(Services.mariaDbJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM " + backend.target().store() + "_unique")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
