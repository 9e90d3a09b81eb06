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
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.testkit.LimiterStoreContract;
import org.thinkqueue.testkit.TimeControl;

/** The limiter contract on one database, plus what is particular to the tables. */
abstract class JdbcLimiterStoreSupport extends LimiterStoreContract {
  private static final Set<String> STATE_CHANGES =
      Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly");

  private TestTables tables;
  private JdbcLimiterStore limits;

  protected abstract String jdbcUrl();

  @Override
  protected LimiterStore createStore() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 8, "lim_");
    limits = builder(tables.pool).createSchemaIfMissing(true).build();
    return limits;
  }

  private JdbcLimiterStore.Builder builder(DataSource dataSource) {
    return JdbcLimiterStore.builder(dataSource)
        .limitTable(tables.table + "_limits")
        .leaseTable(tables.table + "_leases");
  }

  @Override
  protected TimeControl timeControl() {
    return TimeControl.sleeping();
  }

  @Override
  protected void cleanUp() {
    tables.update("DROP TABLE IF EXISTS " + limits.limitTable());
    tables.update("DROP TABLE IF EXISTS " + limits.leaseTable());
    tables.close();
  }

  @Test
  void keepsOneRowPerKeyAndOneRowPerLease() {
    assertThat(store.acquire(key("shop"), RateLimit.perSecond(10), Duration.ZERO).isGranted())
        .isTrue();
    String token = store.acquireLease(key("shop"), 2, Duration.ofMinutes(1)).orElseThrow();

    List<java.util.Map<String, Object>> rows =
        tables.query("SELECT tat_us, turn_us FROM " + limits.limitTable());
    assertThat(rows).hasSize(1);
    long nowMicros = System.currentTimeMillis() * 1000;
    assertThat((Long) rows.get(0).get("tat_us"))
        .isBetween(nowMicros - 5_000_000, nowMicros + 5_000_000);
    assertThat(tables.query("SELECT token FROM " + limits.leaseTable()))
        .extracting(r -> r.get("token"))
        .containsExactly(token);
  }

  @Test
  void purgeIdleDeletesExpiredLeasesAndSpentRowsOnly() {
    String busy = store.acquireLease(key("busy"), 1, Duration.ofMinutes(1)).orElseThrow();
    store.acquireLease(key("idle"), 1, Duration.ofMillis(50)).orElseThrow();
    store.acquire(key("idle-rate"), RateLimit.perSecond(100), Duration.ZERO);
    store.acquire(key("busy-rate"), RateLimit.perMinute(1), Duration.ZERO);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              limits.purgeIdle();
              return rows(limits.leaseTable()) == 1 && rows(limits.limitTable()) == 2;
            });

    assertThat(store.renewLease(key("busy"), busy, Duration.ofMinutes(1))).isTrue();
    assertThat(store.acquire(key("busy-rate"), RateLimit.perMinute(1), Duration.ZERO).isGranted())
        .as("the rate state of a busy key stays")
        .isFalse();
    assertThat(store.acquireLease(key("idle"), 1, Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void aStoreOfAConnectorUsesItsDataSourceAndPrefix() {
    String prefix = "lim_" + UUID.randomUUID().toString().substring(0, 6) + "_";
    try (JdbcConnector connector =
        JdbcConnector.builder()
            .dataSource(tables.pool)
            .prefix(prefix)
            .createSchemaIfMissing(true)
            .build()) {
      JdbcLimiterStore s = JdbcLimiterStore.builder(connector).createSchemaIfMissing(true).build();
      try {
        assertThat(s.limitTable()).isEqualTo(prefix + "queue_limits");
        assertThat(s.leaseTable()).isEqualTo(prefix + "queue_leases");
        String token = s.acquireLease(key("sku"), 1, Duration.ofMinutes(1)).orElseThrow();
        assertThat(s.acquireLease(key("sku"), 1, Duration.ofMinutes(1))).isEmpty();
        s.releaseLease(key("sku"), token);
        assertThat(s.acquire(key("shop"), RateLimit.perSecond(1), Duration.ZERO).isGranted())
            .isTrue();
      } finally {
        for (String t :
            List.of("queue_limits", "queue_leases", "jobs", "failed_jobs", "queue_restart")) {
          tables.update("DROP TABLE IF EXISTS " + prefix + t);
        }
      }
    }
  }

  @Test
  void aMissingTableIsNamedWithTheDdlThatCreatesIt() {
    assertThatThrownBy(
            () ->
                JdbcLimiterStore.builder(tables.pool)
                    .limitTable(tables.table + "_nolimits")
                    .leaseTable(tables.table + "_noleases")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(tables.table + "_nolimits")
        .hasMessageContaining("org/thinkqueue/jdbc/schema/limits-");
    assertThatThrownBy(() -> JdbcLimiterStore.builder(tables.pool).prefix("bad-prefix"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'prefix'");
  }

  /**
   * A pool without auto-commit: every connection is the store's own to commit, and none has its
   * state changed.
   */
  @Test
  void onAPoolWithoutAutoCommitItCommitsItsWorkAndChangesNoConnectionState() {
    List<String> changes = new CopyOnWriteArrayList<>();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(tables.jdbcUrl);
    config.setPoolName(getClass().getSimpleName() + "-manual");
    config.setMaximumPoolSize(2);
    config.setAutoCommit(false);
    try (HikariDataSource manual = new HikariDataSource(config)) {
      JdbcLimiterStore s = builder(recording(manual, changes)).build();
      String token = s.acquireLease(key("sku"), 1, Duration.ofMinutes(1)).orElseThrow();
      assertThat(store.acquireLease(key("sku"), 1, Duration.ofMinutes(1)))
          .as("committed: seen through the other pool")
          .isEmpty();
      assertThat(s.renewLease(key("sku"), token, Duration.ofMinutes(1))).isTrue();
      assertThat(s.acquire(key("shop"), RateLimit.perMinute(1), Duration.ZERO).isGranted())
          .isTrue();
      assertThat(store.acquire(key("shop"), RateLimit.perMinute(1), Duration.ZERO).isGranted())
          .isFalse();
      s.releaseLease(key("sku"), token);
      assertThat(store.acquireLease(key("sku"), 1, Duration.ofMinutes(1))).isPresent();
      s.purgeIdle();
    }
    assertThat(changes).as("calls changing a connection's state").isEmpty();
  }

  private long rows(String table) {
    return (Long) tables.query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n");
  }

  private static DataSource recording(DataSource pool, List<String> changes) {
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcLimiterStoreSupport.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(method, pool, args);
              return result instanceof Connection c ? recording(c, changes) : result;
            });
  }

  private static Connection recording(Connection connection, List<String> changes) {
    return (Connection)
        Proxy.newProxyInstance(
            JdbcLimiterStoreSupport.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (STATE_CHANGES.contains(method.getName())) {
                changes.add(method.getName() + "(" + args[0] + ")");
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
}
