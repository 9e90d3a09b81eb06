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
package org.thinkqueue.micrometer;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.thinkqueue.jdbc.JdbcConnector;

class JdbcGaugesH2Test {
  @Test
  void gaugesReadRealQueueSizes() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:hm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    RealStoreGauges.check(
        JdbcConnector.builder().dataSource(h2).createSchemaIfMissing(true).build());
  }
}
