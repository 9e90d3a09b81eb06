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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.JobOptions;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.UniquePush;

/**
 * Unique pushes through {@link TransactionAwarePushes#afterCommit}: deferred like any push, the key
 * checked and taken at the commit.
 */
class AfterCommitUniqueTest {
  private static final Pattern DATA = Pattern.compile("\"data\":\"([^\"]*)\"");
  private final String name = "hc-uq-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = "hc-uq";
  private final MemoryConnector memory = new MemoryConnector();
  private HikariDataSource db;
  private TransactionTemplate tx;
  private QueueManager queues;

  @BeforeEach
  void setUp() {
    db = new HikariDataSource();
    db.setJdbcUrl("jdbc:h2:mem:uq" + UUID.randomUUID().toString().substring(0, 8));
    tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    queues =
        QueueManager.builder()
            .connection(name, TransactionAwarePushes.afterCommit(name, memory))
            .build();
  }

  @AfterEach
  void tearDown() {
    queues.close();
    db.close();
  }

  private List<String> readyData() {
    List<String> out = new ArrayList<>();
    for (String p : memory.readyPayloads(queue)) {
      Matcher m = DATA.matcher(p);
      out.add(m.find() ? m.group(1) : p);
    }
    return out;
  }

  @Test
  void theProxyKeepsTheCapability() {
    Connector connector = queues.connection().connector();
    assertThat(connector).isInstanceOf(UniquePush.class);
  }

  @Test
  void aUniquePushWaitsForTheCommitAndTakesTheKeyThen() {
    List<String> ids = new ArrayList<>();
    tx.executeWithoutResult(
        status -> {
          ids.add(queues.push("j", "first", queue, JobOptions.uniqueKey("k")));
          ids.add(queues.push("j", "second", queue, JobOptions.uniqueKey("k")));
          assertThat(memory.size(queue).total()).as("nothing before the commit").isZero();
        });

    assertThat(ids.get(0)).as("each returns its payload's id").isNotEqualTo(ids.get(1));
    assertThat(readyData()).as("the first holds the key at the commit").containsExactly("first");
    assertThat(memory.pop(queue, 1).get(0).id()).isEqualTo(ids.get(0));
    assertThat(queues.push("j", "outside", queue, JobOptions.uniqueKey("k")))
        .as("outside a transaction the push answers at once")
        .isEqualTo(ids.get(0));
  }

  @Test
  void aRolledBackUniquePushTakesNoKey() {
    tx.executeWithoutResult(
        status -> {
          queues.push("j", "rolled back", queue, JobOptions.uniqueKey("k"));
          status.setRollbackOnly();
        });
    assertThat(memory.size(queue).total()).isZero();

    queues.push("j", "after", queue, JobOptions.uniqueKey("k"));
    assertThat(readyData()).containsExactly("after");
  }

  @Test
  void aKeyHeldAtTheCommitWritesNothing() {
    String holder = queues.push("j", "holder", queue, JobOptions.uniqueKey("k"));
    String[] deferred = new String[1];
    tx.executeWithoutResult(
        status -> deferred[0] = queues.push("j", "late", queue, JobOptions.uniqueKey("k")));

    assertThat(deferred[0]).isNotEqualTo(holder);
    assertThat(readyData()).containsExactly("holder");
  }
}
