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
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;

/**
 * Pushes made from a transaction's own completion callbacks, through {@link
 * TransactionAwarePushes}: Spring runs no synchronisation registered after its {@code afterCommit}
 * round started, so such a push must not wait for a commit that has already happened.
 */
class AfterCommitCallbacksTest {
  private final String name = "hc-cb-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = "hc-q";
  private final MemoryConnector memory = new MemoryConnector();
  private HikariDataSource db;
  private TransactionTemplate tx;

  @BeforeEach
  void setUp() {
    db = new HikariDataSource();
    db.setJdbcUrl("jdbc:h2:mem:hc" + UUID.randomUUID().toString().substring(0, 8));
    tx = new TransactionTemplate(new DataSourceTransactionManager(db));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private QueueManager afterCommit() {
    return QueueManager.builder()
        .connection(name, TransactionAwarePushes.afterCommit(name, memory))
        .build();
  }

  private long ready() {
    return memory.size(queue).ready();
  }

  private static void onAfterCommit(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  private static void onAfterCompletion(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            action.run();
          }
        });
  }

  /** A store that is down once the transaction has committed. */
  private Connector downAfterCommit() {
    return (Connector)
        java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connector.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "pushRaw", "bulkRaw" ->
                      throw ConnectionException.transientFailure("Redis went away", null);
                  case "payloadCarriesIdAndAttempts" -> true;
                  case "wireFormat" -> WireFormat.V3;
                  case "retryAfter" -> java.time.Duration.ofSeconds(60);
                  case "close" -> null;
                  case "toString" -> "down";
                  case "hashCode" -> 0;
                  case "equals" -> proxy == args[0];
                  default -> method.invoke(memory, args);
                });
  }

  @Test
  void aPushThatFailsAfterTheCommitIsKeptInTheFailedJobStore() {
    MemoryFailedJobStore failed = new MemoryFailedJobStore();
    try (QueueManager queues =
        QueueManager.builder()
            .connection(
                name, TransactionAwarePushes.afterCommit(name, downAfterCommit(), () -> failed))
            .failedJobStore(failed)
            .checkJobNamesOnPush(false)
            .build()) {
      String[] id = new String[1];
      tx.executeWithoutResult(s -> id[0] = queues.push("HcJob", Map.of("n", 1), queue));
      assertThat(failed.list(0, 10))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.queue()).isEqualTo(queue);
                assertThat(f.connection()).isEqualTo(name);
                assertThat(f.payload()).contains("\"HcJob\"").contains(id[0]);
                assertThat(f.exception()).contains("Redis went away");
              });
    }
  }

  @Test
  void pushFromAnAfterCommitCallbackIsNotLostWhenNothingWasDeferredBefore() {
    try (QueueManager queues = afterCommit()) {
      tx.executeWithoutResult(s -> onAfterCommit(() -> queues.push("HcJob", Map.of(), queue)));
      assertThat(ready()).isEqualTo(1);
    }
  }

  @Test
  void bulkFromAnAfterCommitCallbackIsNotLostWhenNothingWasDeferredBefore() {
    try (QueueManager queues = afterCommit()) {
      tx.executeWithoutResult(
          s ->
              onAfterCommit(
                  () -> queues.bulk("HcJob", List.of(Map.of("n", 1), Map.of("n", 2)), queue)));
      assertThat(ready()).isEqualTo(2);
    }
  }

  @Test
  void pushFromAnAfterCommitCallbackAfterADeferredPushGoesOutOnce() {
    try (QueueManager queues = afterCommit()) {
      tx.executeWithoutResult(
          s -> {
            queues.push("HcJob", Map.of("n", 1), queue);
            onAfterCommit(() -> queues.push("HcJob", Map.of("n", 2), queue));
          });
      assertThat(ready()).isEqualTo(2);
    }
  }

  @Test
  void pushFromAnAfterCompletionCallbackGoesOutAtOnce() {
    try (QueueManager queues = afterCommit()) {
      tx.executeWithoutResult(s -> onAfterCompletion(() -> queues.push("HcJob", Map.of(), queue)));
      assertThat(ready()).isEqualTo(1);
    }
  }

  @Test
  void pushFromABeforeCommitCallbackWaitsForTheCommit() {
    try (QueueManager queues = afterCommit()) {
      long[] seenAtCommit = new long[1];
      tx.executeWithoutResult(
          s -> {
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void beforeCommit(boolean readOnly) {
                    queues.push("HcJob", Map.of(), queue);
                    seenAtCommit[0] = ready();
                  }
                });
          });
      assertThat(seenAtCommit[0]).isZero();
      assertThat(ready()).isEqualTo(1);
    }
  }

  @Test
  void aPushDeferredInARolledBackTransactionIsDroppedEvenFromItsCallbacks() {
    try (QueueManager queues = afterCommit()) {
      tx.executeWithoutResult(
          s -> {
            queues.push("HcJob", Map.of(), queue);
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void beforeCompletion() {
                    queues.push("HcJob", Map.of(), queue);
                  }
                });
            s.setRollbackOnly();
          });
      assertThat(ready()).isZero();
    }
  }

  @Test
  void aDeferredPushIsMadeEvenIfAnEarlierAfterCommitCallbackThrows() {
    try (QueueManager queues = afterCommit()) {
      assertThatThrownBy(
              () ->
                  tx.executeWithoutResult(
                      s -> {
                        onAfterCommit(
                            () -> {
                              throw new IllegalStateException("an application callback failed");
                            });
                        queues.push("HcJob", Map.of(), queue);
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(ready()).isEqualTo(1);
    }
  }

  @Test
  void immediatePushFromAnAfterCompletionCallbackDoesNotWarn() {
    try (QueueManager queues =
            QueueManager.builder()
                .connection(name, TransactionAwarePushes.immediate(name, memory))
                .build();
        CapturedLog log = new CapturedLog()) {
      tx.executeWithoutResult(s -> onAfterCompletion(() -> queues.push("HcJob", Map.of(), queue)));
      assertThat(ready()).isEqualTo(1);
      assertThat(log.lines(name)).isEmpty();
    }
  }

  @Test
  void theJoinerDoesNotHandOutTheConnectionOfACompletedTransaction() {
    SpringConnectionJoiner joiner = new SpringConnectionJoiner(name);
    List<Connection> inside = new ArrayList<>();
    List<Optional<Connection>> completed = new ArrayList<>();
    tx.executeWithoutResult(
        s -> {
          inside.add(joiner.transactionConnection(db));
          onAfterCompletion(
              () -> completed.add(Optional.ofNullable(joiner.transactionConnection(db))));
        });
    assertThat(inside).singleElement().isNotNull();
    assertThat(completed).containsExactly(Optional.empty());
  }
}
