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
package org.thinkqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;

/** JDBC connections on real servers: tables created with a prefix, pushes worked. */
class JdbcConnectionsIT {

  @Test
  @RequiresService(Service.POSTGRES)
  void postgresWithInitializeSchemaAlwaysAndAPrefix() {
    runOn(TestApps.Postgres.class, "postgresql");
  }

  @Test
  @RequiresService(Service.MARIADB)
  void mariaDbWithInitializeSchemaAlwaysAndAPrefix() {
    runOn(TestApps.MariaDb.class, "mysql");
  }

  private static void runOn(Class<?> dataSource, String dialect) {
    String queue = TestApps.unique("hb-jdbc-");
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.db.type=jdbc",
            "think-queue.connections.db.prefix=hb_",
            "think-queue.connections.db.initialize-schema=always",
            "think-queue.connections.db.retry-after=30",
            "think-queue.worker.queues=" + queue)
        .withUserConfiguration(dataSource, TestApps.Handlers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              QueueManager queues = context.getBean(QueueManager.class);
              JdbcConnector connector = (JdbcConnector) queues.connection("db").connector();
              assertThat(connector.table()).isEqualTo("hb_jobs");
              assertThat(connector.failedTable()).isEqualTo("hb_failed_jobs");
              assertThat(connector.dialect().toString()).containsIgnoringCase(dialect);
              queues.push(TestApps.EchoJob.class, Map.of("on", dialect), queue);
              assertThat(context.getBean(TestApps.EchoJob.class).next())
                  .containsEntry("on", dialect);
            });
  }

  @Test
  @RequiresService(Service.POSTGRES)
  void initializeSchemaEmbeddedLeavesAServerDatabaseAlone() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.db.type=jdbc",
            "think-queue.connections.db.prefix=hb_none_",
            "think-queue.worker.enabled=false")
        .withUserConfiguration(TestApps.Postgres.class)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("hb_none_jobs"));
  }
}
