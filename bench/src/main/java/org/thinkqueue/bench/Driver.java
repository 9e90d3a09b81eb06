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
package org.thinkqueue.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.sync.SyncConnector;

/**
 * One driver under test: builds a manager around a fresh connector and empties the bench queue
 * between scenarios.
 */
abstract class Driver implements AutoCloseable {
  static final String TABLE = "thinkqueue_bench_jobs";
  static final String FAILED_TABLE = "thinkqueue_bench_failed_jobs";

  final String name;

  /** Jobs per second a single producer is asked for in the steady-state scenario. */
  final int steadyRate;

  Driver(String name, int steadyRate) {
    this.name = name;
    this.steadyRate = steadyRate;
  }

  abstract Connector connector(JobRegistry registry);

  /** Removes every job of the bench from the store. */
  abstract void reset(String queue) throws Exception;

  /** The server's product and version, for the results header. */
  abstract String serverVersion() throws Exception;

  /**
   * False for sync: there is nothing to reserve, so only the enqueue (run inline) scenarios apply.
   */
  boolean queues() {
    return true;
  }

  QueueManager manager(JobRegistry registry) {
    return QueueManager.builder().connection(name, connector(registry)).registry(registry).build();
  }

  @Override
  public void close() throws Exception {}

  static Driver redis(String uri) {
    return new Driver("Redis V3", 5_000) {
      private RedisConnector admin;

      @Override
      Connector connector(JobRegistry registry) {
        return RedisConnector.builder().uri(uri).checkEviction(false).build();
      }

      private RedisConnector admin() {
        if (admin == null) {
          admin = RedisConnector.builder().uri(uri).checkEviction(false).build();
        }
        return admin;
      }

      @Override
      void reset(String queue) {
        String k = "{queues:" + queue + "}";
        admin().client().del(k, k + ":delayed", k + ":reserved", k + ":notify");
      }

      @Override
      String serverVersion() {
        String info = admin().client().info("server");
        return "Redis "
            + info.lines()
                .filter(l -> l.startsWith("redis_version:"))
                .map(l -> l.substring(14).trim())
                .findFirst()
                .orElse("?");
      }

      @Override
      public void close() {
        if (admin != null) {
          admin.close();
        }
      }
    };
  }

  static Driver jdbc(String name, String url, int steadyRate, int poolSize) {
    return new JdbcDriver(name, url, steadyRate, poolSize);
  }

  static Driver memory() {
    return new Driver("Memory", 5_000) {
      @Override
      Connector connector(JobRegistry registry) {
        return new MemoryConnector();
      }

      @Override
      void reset(String queue) {}

      @Override
      String serverVersion() {
        return "in-process";
      }
    };
  }

  static Driver sync() {
    return new Driver("Sync", 0) {
      @Override
      Connector connector(JobRegistry registry) {
        return SyncConnector.builder().registry(registry).build();
      }

      @Override
      void reset(String queue) {}

      @Override
      String serverVersion() {
        return "inline";
      }

      @Override
      boolean queues() {
        return false;
      }
    };
  }

  static final class JdbcDriver extends Driver {
    private final HikariDataSource dataSource;

    JdbcDriver(String name, String url, int steadyRate, int poolSize) {
      super(name, steadyRate);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(poolSize);
      config.setPoolName("bench-" + name.replaceAll("[^A-Za-z0-9]", ""));
      this.dataSource = new HikariDataSource(config);
    }

    /** Creates the bench's tables, so a reset before the first scenario finds them. */
    void createSchema() {
      connector(null).close();
    }

    DataSource dataSource() {
      return dataSource;
    }

    @Override
    Connector connector(JobRegistry registry) {
      return JdbcConnector.builder()
          .dataSource(dataSource)
          .table(TABLE)
          .failedTable(FAILED_TABLE)
          .createSchemaIfMissing(true)
          .build();
    }

    @Override
    void reset(String queue) throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        // TRUNCATE, not DELETE: a DELETE leaves dead rows that, on a server with autovacuum off
        // (this one), slow
        // every later scenario and every later run.
        s.execute("TRUNCATE TABLE " + TABLE);
      }
    }

    @Override
    String serverVersion() throws SQLException {
      try (Connection c = dataSource.getConnection()) {
        return c.getMetaData().getDatabaseProductName()
            + " "
            + c.getMetaData().getDatabaseProductVersion();
      }
    }

    @Override
    public void close() {
      dataSource.close();
    }
  }
}
