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

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.testkit.Services;

/** Application configurations the tests start the auto-configuration with. */
final class TestApps {
  private TestApps() {}

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThinkQueueAutoConfiguration.class));
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static HikariDataSource hikari(String url) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setMaximumPoolSize(4);
    return ds;
  }

  /** An in-memory H2 database of its own, kept after the pool closes (for checks after close). */
  @Configuration(proxyBeanMethods = false)
  static class H2 {
    static final ThreadLocal<String> LAST_URL = new ThreadLocal<>();

    @Bean
    DataSource dataSource() {
      String url = "jdbc:h2:mem:" + unique("hb") + ";DB_CLOSE_DELAY=-1";
      LAST_URL.set(url);
      return hikari(url);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Postgres {
    @Bean
    DataSource dataSource() {
      return hikari(Services.postgresJdbcUrl());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class MariaDb {
    @Bean
    DataSource dataSource() {
      return hikari(Services.mariaDbJdbcUrl());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    EchoJob echoJob() {
      return new EchoJob();
    }
  }

  /** Records the data of each job it runs, and deletes it. */
  static final class EchoJob implements JobHandler<Map<String, Object>> {
    final BlockingQueue<Map<String, Object>> seen = new LinkedBlockingQueue<>();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    @Override
    public void fire(Job job, Map<String, Object> data) {
      threads.add(Thread.currentThread().getName());
      seen.add(data);
      job.delete();
    }

    Map<String, Object> next() throws InterruptedException {
      Map<String, Object> data = seen.poll(20, TimeUnit.SECONDS);
      if (data == null) {
        throw new AssertionError("no job ran within 20 s");
      }
      return data;
    }
  }

  /**
   * Blocks until {@link #finish} opens (or 30 s pass); says it started, and whether it ended with
   * the data source still open.
   */
  static final class SlowJob implements JobHandler<Map<String, Object>> {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch finish = new CountDownLatch(1);
    final BlockingQueue<Boolean> finishedWithDataSourceOpen = new LinkedBlockingQueue<>();
    volatile HikariDataSource dataSource;

    @Override
    public void fire(Job job, Map<String, Object> data) throws InterruptedException {
      started.countDown();
      if (finish.await(30, TimeUnit.SECONDS)) {
        job.delete();
        finishedWithDataSourceOpen.add(dataSource != null && !dataSource.isClosed());
      }
    }
  }
}
