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
package org.thinkqueue.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.memory.MemoryConnector;

/** The WARN for pushes a rollback cannot undo: once per connection, never outside transactions. */
class TransactionWarningsTest {
  private final String name = "hs-warn-" + UUID.randomUUID().toString().substring(0, 8);
  private HikariDataSource appDb;
  private HikariDataSource queueDb;
  private TransactionTemplate tx;

  private static HikariDataSource h2() {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(
        "jdbc:h2:mem:hs" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  @BeforeEach
  void setUp() {
    appDb = h2();
    queueDb = h2();
    tx = new TransactionTemplate(new DataSourceTransactionManager(appDb));
  }

  @AfterEach
  void tearDown() {
    appDb.close();
    queueDb.close();
  }

  @Test
  void immediatePushesWarnOnceInsideTransactionsAndNeverOutside() {
    MemoryConnector memory = new MemoryConnector();
    try (QueueManager queues =
            QueueManager.builder()
                .connection(name, TransactionAwarePushes.immediate(name, memory))
                .build();
        CapturedLog log = new CapturedLog()) {
      queues.push("HsJob", Map.of(), "hs-q");
      assertThat(log.lines(name)).isEmpty();
      tx.executeWithoutResult(s -> queues.push("HsJob", Map.of(), "hs-q"));
      tx.executeWithoutResult(s -> queues.push("HsJob", Map.of(), "hs-q"));
      assertThat(log.lines(name))
          .singleElement()
          .asString()
          .contains("WARN", "pushes immediately inside a Spring transaction")
          .contains("a rollback will not undo the push");
      assertThat(memory.size("hs-q").ready()).isEqualTo(3);
    }
  }

  @Test
  void afterCommitPushesNeverWarn() {
    try (QueueManager queues =
            QueueManager.builder()
                .connection(name, TransactionAwarePushes.afterCommit(name, new MemoryConnector()))
                .build();
        CapturedLog log = new CapturedLog()) {
      tx.executeWithoutResult(s -> queues.push("HsJob", Map.of(), "hs-q"));
      queues.push("HsJob", Map.of(), "hs-q");
      assertThat(log.lines(name)).isEmpty();
    }
  }

  @Test
  void jdbcPushInATransactionOnAnotherDataSourceWarnsOnceAndCommitsOnItsOwn() {
    try (QueueManager queues =
            QueueManager.builder()
                .connection(
                    name,
                    JdbcConnector.builder()
                        .dataSource(queueDb)
                        .prefix("hs_")
                        .createSchemaIfMissing(true)
                        .joinTransactions(new SpringConnectionJoiner(name))
                        .build())
                .build();
        CapturedLog log = new CapturedLog()) {
      queues.push("HsJob", Map.of(), "hs-q");
      assertThat(log.lines(name)).isEmpty();
      tx.executeWithoutResult(
          s -> {
            queues.push("HsJob", Map.of(), "hs-q");
            queues.push("HsJob", Map.of(), "hs-q");
            s.setRollbackOnly();
          });
      assertThat(log.lines(name))
          .singleElement()
          .asString()
          .contains("WARN", "not on its DataSource", "a rollback will not undo the push");
      assertThat(queues.size("hs-q").ready()).isEqualTo(3);
    }
  }

  @Test
  void jdbcPushWithTheJoinerOnTheSameDataSourceDoesNotWarn() {
    try (QueueManager queues =
            QueueManager.builder()
                .connection(
                    name,
                    JdbcConnector.builder()
                        .dataSource(appDb)
                        .prefix("hs_")
                        .createSchemaIfMissing(true)
                        .joinTransactions(new SpringConnectionJoiner(name))
                        .build())
                .build();
        CapturedLog log = new CapturedLog()) {
      queues.size("hs-q");
      tx.executeWithoutResult(
          s -> {
            queues.push("HsJob", Map.of(), "hs-q");
            s.setRollbackOnly();
          });
      assertThat(log.lines(name)).isEmpty();
      assertThat(queues.size("hs-q").total()).isZero();
    }
  }
}
