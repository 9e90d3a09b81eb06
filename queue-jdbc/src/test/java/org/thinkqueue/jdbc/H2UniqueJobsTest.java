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

import java.util.UUID;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.testkit.TimeControl;

/** The unique-jobs contract on embedded H2, on a clock the suite moves. */
class H2UniqueJobsTest extends JdbcUniqueJobsSupport {
  private static final MutableClock CLOCK = MutableClock.atEpochSecond(1_700_000_000L);

  private final String db = "h2uq" + UUID.randomUUID().toString().substring(0, 8);

  H2UniqueJobsTest() {
    super(TimeControl.of(CLOCK));
  }

  @Override
  JdbcConnector.Builder configure(JdbcConnector.Builder builder) {
    return builder.clock(CLOCK);
  }

  @Override
  protected String jdbcUrl() {
    return "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
  }
}
