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
package org.thinkqueue.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.redis.RedisFailedJobStore;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;

/**
 * Where a test's workers connect, as plain strings so a child JVM can rebuild the same connection
 * from its arguments: the backend kind, a URL (for JDBC, with the test's own user and application
 * name in it), the queue, and the table (JDBC) or failed-job key name (Redis). Every name is unique
 * to one test.
 */
record Target(Kind kind, String url, String queue, String store) {

  enum Kind {
    REDIS,
    JDBC
  }

  List<String> toArgs() {
    return List.of(kind.name(), url, queue, store);
  }

  static Target fromArgs(String[] args, int from) {
    return new Target(Kind.valueOf(args[from]), args[from + 1], args[from + 2], args[from + 3]);
  }

  /**
   * A manager on a new connection (own client or HikariCP pool) with the test's failed-job store.
   *
   * @param poolSize connections for a JDBC pool (job threads + poll + LISTEN + spare)
   */
  Opened open(Duration retryAfter, JobRegistry registry, int poolSize) {
    return open(retryAfter, registry, poolSize, true);
  }

  /**
   * As {@link #open(Duration, JobRegistry, int)}; {@code hikari=false}: JDBC through a {@link
   * NoBackoffPool}.
   */
  Opened open(Duration retryAfter, JobRegistry registry, int poolSize, boolean hikari) {
    List<AutoCloseable> resources = new ArrayList<>();
    Connector connector;
    FailedJobStore failed;
    if (kind == Kind.REDIS) {
      RedisConnector redis =
          RedisConnector.builder()
              .uri(url)
              .wireFormat(WireFormat.V3)
              .retryAfter(retryAfter)
              .timeout(Duration.ofSeconds(2))
              .checkEviction(false)
              .build();
      connector = redis;
      failed = new RedisFailedJobStore(redis.client(), store, Clock.systemUTC());
    } else {
      DataSource dataSource;
      if (hikari) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("faults-" + queue);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        resources.add(pool);
        dataSource = pool;
      } else {
        NoBackoffPool pool = new NoBackoffPool(url, poolSize);
        resources.add(pool);
        dataSource = pool;
      }
      JdbcConnector jdbc =
          JdbcConnector.builder()
              .dataSource(dataSource)
              .wireFormat(WireFormat.V3)
              .table(store)
              .failedTable(store + "_failed")
              .restartTable(store + "_restart")
              .retryAfter(retryAfter)
              .createSchemaIfMissing(false)
              .build();
      connector = jdbc;
      failed = jdbc.failedJobStore();
    }
    resources.add(connector);
    QueueManager manager =
        QueueManager.builder()
            .connection(kind.name().toLowerCase(java.util.Locale.ROOT), connector)
            .registry(registry)
            .failedJobStore(failed)
            .build();
    resources.add(manager);
    return new Opened(manager, resources);
  }

  /** A manager and what to close after it, last opened first. */
  record Opened(QueueManager manager, List<AutoCloseable> resources) implements AutoCloseable {
    @Override
    public void close() {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          // already closed, or the server is gone: nothing left to release
        }
      }
    }
  }
}
