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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.spi.TransactionalPush;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.worker.Worker;

/** Redis pushes inside a Spring transaction wait for its commit and are dropped on rollback. */
@RequiresService(Service.REDIS)
class RedisAfterCommitIT {
  private final String queue = "hs-redis-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger runs = new AtomicInteger();
  private final CountDownLatch ran = new CountDownLatch(1);
  private HikariDataSource db;
  private TransactionTemplate tx;
  private RedisConnector redis;
  private Connector connector;
  private QueueManager queues;

  @BeforeEach
  void setUp() {
    db = new HikariDataSource();
    db.setJdbcUrl("jdbc:h2:mem:hs" + UUID.randomUUID().toString().substring(0, 8));
    tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    redis = RedisConnector.builder().uri(Services.redisUri().toString()).build();
    connector = TransactionAwarePushes.afterCommit("redis", redis);
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "HsWelcome",
                Map.class,
                data -> {
                  runs.incrementAndGet();
                  ran.countDown();
                });
    queues = QueueManager.builder().connection("redis", connector).registry(registry).build();
  }

  @AfterEach
  void tearDown() {
    queues.close();
    redis.close();
    db.close();
  }

  private long size() {
    return redis.size(queue).total();
  }

  private int work() {
    try (Worker worker = Worker.builder().manager(queues).queues(queue).build()) {
      int n = 0;
      while (worker.runOnce()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void rollbackLeavesNoJob() {
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      queues.push("HsWelcome", Map.of("user", 1), queue);
                      queues.later(Duration.ofSeconds(60), "HsWelcome", Map.of("user", 2), queue);
                      queues.bulk("HsWelcome", List.of(Map.of("user", 3)), queue);
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(size()).isZero();
    assertThat(work()).isZero();
  }

  @Test
  void commitPushesOnlyAfterTheCommitAndTheJobRunsOnce() {
    String id =
        tx.execute(
            s -> {
              String pushed = queues.push("HsWelcome", Map.of("user", 1), queue);
              queues.bulk("HsWelcome", List.of(Map.of("user", 2)), queue);
              assertThat(size()).as("inside the transaction").isZero();
              return pushed;
            });
    assertThat(id).isNotBlank();
    assertThat(redis.size(queue).ready()).isEqualTo(2);
    assertThat(work()).isEqualTo(2);
    assertThat(runs).hasValue(2);
  }

  @Test
  void deferredPushReturnsTheIdTheJobGets() {
    String id = tx.execute(s -> queues.push("HsWelcome", Map.of("user", 1), queue));
    var reserved = redis.pop(queue, 1);
    assertThat(reserved).hasSize(1);
    assertThat(reserved.get(0).id()).isEqualTo(id);
    redis.delete(reserved.get(0));
  }

  @Test
  void withoutTransactionPushesAtOnce() {
    queues.push("HsWelcome", Map.of("user", 1), queue);
    assertThat(size()).isEqualTo(1);
    assertThat(work()).isEqualTo(1);
  }

  @Test
  void pushFromAnAfterCommitCallbackGoesOutAtOnceOnceTheTransactionDeferredOne() {
    tx.executeWithoutResult(
        s -> {
          queues.push("HsWelcome", Map.of("user", 1), queue);
          TransactionSynchronizationManager.registerSynchronization(
              new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  queues.push("HsWelcome", Map.of("user", 2), queue);
                }
              });
        });
    assertThat(size()).isEqualTo(2);
  }

  @Test
  void pushFromAnAfterCommitCallbackIsNotLostWhenNothingWasDeferredBefore() {
    tx.executeWithoutResult(
        s ->
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void afterCommit() {
                    queues.push("HsWelcome", Map.of("user", 1), queue);
                  }
                }));
    assertThat(redis.size(queue).ready()).isEqualTo(1);
    assertThat(work()).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void capabilitiesOfTheDelegateAreKept() {
    assertThat(connector)
        .isInstanceOf(AwaitsWork.class)
        .isInstanceOf(ExtendsReservations.class)
        .isInstanceOf(RestartSignal.class)
        .isNotInstanceOf(TransactionalPush.class);
    assertThat(TransactionAwarePushes.defersUntilCommit(connector)).isTrue();
    assertThat(TransactionAwarePushes.unwrap(connector)).isSameAs(redis);
    assertThat(queues.connection().supportsTransactionalPush()).isFalse();
  }

  @Test
  void anIdleWorkerWakesForAJobPushedAfterTheCommit() throws Exception {
    // Polling every 30 s: only AwaitsWork's wake-up runs the job within the wait below.
    try (Worker worker =
        Worker.builder().manager(queues).queues(queue).sleep(Duration.ofSeconds(30)).build()) {
      worker.start();
      tx.executeWithoutResult(s -> queues.push("HsWelcome", Map.of("user", 1), queue));
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      worker.stop(Duration.ofSeconds(5));
    }
    assertThat(runs).hasValue(1);
  }
}
