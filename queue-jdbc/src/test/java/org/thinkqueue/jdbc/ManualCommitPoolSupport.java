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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;

/**
 * Issue #12: a pool configured without auto-commit (HikariCP {@code autoCommit=false}) hands out
 * fresh connections the connector must commit itself (HikariCP rolls back what is left open when a
 * connection comes back), and must not switch: every write is durable, and no connection's mode,
 * isolation or read-only flag is ever changed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ManualCommitPoolSupport {
  static final String QUEUE = "default";

  /** The calls that change a connection's state. */
  private static final Set<String> STATE_CHANGES =
      Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly");

  TestTables tables;
  HikariDataSource manualPool;
  final List<String> stateChanges = new CopyOnWriteArrayList<>();
  JdbcConnector connector;
  final JobRegistry registry = new JobRegistry();
  QueueManager manager;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  protected abstract String jdbcUrl();

  @BeforeEach
  void setUp() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 4, "hj_");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(tables.jdbcUrl);
    config.setPoolName(getClass().getSimpleName() + "-manual");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    config.setAutoCommit(false);
    manualPool = new HikariDataSource(config);
    // The schema is created through the manual pool too: DDL left uncommitted would be rolled back
    // on PostgreSQL.
    connector = tables.connector(WireFormat.V3).dataSource(recording(manualPool)).build();
    manager =
        QueueManager.builder()
            .connection("database", connector)
            .registry(registry)
            .failedJobStore(connector.failedJobStore())
            .build();
  }

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::close);
    manager.close();
    manualPool.close();
    tables.close();
    assertThat(stateChanges).as("calls changing a connection's state").isEmpty();
  }

  /** {@code pool}, recording every call that would change the state of a connection it lends. */
  DataSource recording(DataSource pool) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(method, pool, args);
              return result instanceof Connection c ? recording(c) : result;
            });
  }

  private Connection recording(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (STATE_CHANGES.contains(method.getName())) {
                stateChanges.add(method.getName() + "(" + args[0] + ")");
              }
              return invoke(method, connection, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  Worker worker(Duration sleep) {
    Worker w =
        Worker.builder()
            .manager(manager)
            .queues(QUEUE)
            .tries(2)
            .delay(Duration.ZERO)
            .sleep(sleep)
            .timeout(Duration.ofSeconds(10))
            .stopGrace(Duration.ofSeconds(1))
            .build();
    workers.add(w);
    return w;
  }

  @Test
  void springsTransactionAwareProxyOverThisPoolNeedsAJoiner() {
    TransactionAwareDataSourceProxy proxy = new TransactionAwareDataSourceProxy(manualPool);
    assertThatThrownBy(() -> tables.connector(WireFormat.V3).dataSource(proxy).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TransactionAwareDataSourceProxy")
        .hasMessageContaining("joinTransactions");
    // With a joiner the connector asks Spring instead, and builds.
    JdbcConnector joined =
        tables.connector(WireFormat.V3).dataSource(proxy).joinTransactions(ds -> null).build();
    joined.close();
  }

  @Test
  void everyPushIsDurableAtOnce() {
    registry.handle("Greet", Integer.class, id -> {});
    manager.connection().push("Greet", 1, QUEUE);
    assertThat(tables.count()).as("visible from another connection at once").isEqualTo(1);
    manager.connection().later(Duration.ofSeconds(30), "Greet", 2, QUEUE);
    connector.bulkRaw(QUEUE, CallerTransactionSupport.payloads(3));
    assertThat(tables.count()).isEqualTo(5);
    assertThat(manager.size(QUEUE)).isEqualTo(new QueueSize(4, 1, 0));
  }

  /** Pop, delete, release and the failed-job store, all through the manual pool. */
  @Test
  void aWorkerRunsEachJobOnceAndFailsTheBrokenOne() {
    List<Integer> greeted = new CopyOnWriteArrayList<>();
    AtomicInteger flaky = new AtomicInteger();
    AtomicInteger broken = new AtomicInteger();
    registry.handle("Greet", Integer.class, greeted::add);
    registry.handle(
        "Flaky",
        Integer.class,
        id -> {
          if (flaky.incrementAndGet() == 1) {
            throw new IllegalStateException("first try fails");
          }
        });
    registry.handle(
        "Broken",
        Integer.class,
        id -> {
          broken.incrementAndGet();
          throw new IllegalStateException("always fails");
        });
    for (int i = 1; i <= 3; i++) {
      manager.connection().push("Greet", i, QUEUE);
    }
    manager.connection().push("Flaky", 4, QUEUE);
    manager.connection().push("Broken", 5, QUEUE);

    Worker worker = worker(Duration.ofMillis(50));
    int cycles = 0;
    while (worker.runOnce()) {
      cycles++;
      assertThat(cycles).as("reservations").isLessThan(20);
    }

    assertThat(greeted).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(flaky).as("released once, then done").hasValue(2);
    assertThat(broken).as("two tries, then failed").hasValue(2);
    assertThat(tables.count()).as("every delete and release committed").isZero();
    JdbcFailedJobStore failed = connector.failedJobStore();
    assertThat(failed.count()).isEqualTo(1);
    FailedJob job = failed.list(0, 10).get(0);
    assertThat(job.payload()).contains("Broken");
    assertThat(failed.forget(job.id())).isTrue();
    assertThat(tables.query("SELECT id FROM " + tables.failedTable)).isEmpty();
  }

  @Test
  void theRestartSignalIsDurable() {
    assertThat(connector.lastRestart()).isEmpty();
    connector.signalRestart();
    assertThat(tables.query("SELECT signal_value FROM " + tables.table + "_restart")).hasSize(1);
    assertThat(connector.lastRestart()).isPresent();
  }
}
