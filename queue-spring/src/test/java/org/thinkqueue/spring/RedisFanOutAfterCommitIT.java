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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.worker.Worker;

/**
 * A publish on Redis inside a Spring transaction: held until the commit and written then in one
 * script, dropped on rollback.
 */
@RequiresService(Service.REDIS)
class RedisFanOutAfterCommitIT {
  static final String EVENT = "user.registered";
  static final List<String> JOBS =
      List.of("FoWelcomeEmail", "FoSalesRepMessage", "FoMarketingPush");
  private final String base = "fo_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> queues = List.of(base + "_email", base + "_sales", base + "_tidio");
  private final Map<String, List<Object>> seen = new ConcurrentHashMap<>();
  private HikariDataSource db;
  private TransactionTemplate tx;
  private RedisConnector redis;
  private QueueManager manager;

  @BeforeEach
  void setUp() {
    db = new HikariDataSource();
    db.setJdbcUrl("jdbc:h2:mem:fo" + UUID.randomUUID().toString().substring(0, 8));
    tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    redis = RedisConnector.builder().uri(Services.redisUri().toString()).build();
    JobRegistry registry = new JobRegistry();
    for (int i = 0; i < 3; i++) {
      String job = JOBS.get(i);
      registry.subscribe(EVENT, job, queues.get(i));
      registry.handle(
          job, Map.class, d -> seen.computeIfAbsent(job, k -> new CopyOnWriteArrayList<>()).add(d));
    }
    manager =
        QueueManager.builder()
            .connection("redis", TransactionAwarePushes.afterCommit("redis", redis))
            .registry(registry)
            .build();
  }

  @AfterEach
  void tearDown() {
    // Drained queues leave only their bounded :notify lists behind, as RedisAfterCommitIT's do.
    manager.close();
    redis.close();
    db.close();
  }

  private long jobs() {
    return queues.stream().mapToLong(q -> redis.size(q).total()).sum();
  }

  @Test
  void aRolledBackPublishWritesNothing() {
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      manager.publish(EVENT, Map.of("user", 1));
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(jobs()).isZero();
    try (Worker worker = Worker.builder().manager(manager).queues(queues).build()) {
      assertThat(worker.runOnce()).isFalse();
    }
  }

  @Test
  void aCommittedPublishIsWrittenAfterTheCommitAndEverySubscriberRuns() {
    tx.executeWithoutResult(
        s -> {
          manager.publish(EVENT, Map.of("user", 2));
          assertThat(jobs()).as("inside the transaction").isZero();
        });
    assertThat(jobs()).isEqualTo(3);
    try (Worker worker = Worker.builder().manager(manager).queues(queues).build()) {
      while (worker.runOnce()) {
        // drain
      }
    }
    for (String job : JOBS) {
      assertThat(seen.get(job)).as(job).containsExactly(Map.of("user", 2));
    }
  }
}
