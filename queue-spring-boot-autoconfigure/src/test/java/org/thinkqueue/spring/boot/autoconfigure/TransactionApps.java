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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.Job;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.QueueJob;

/**
 * An application as issue #12's defect 2 describes it: a {@code @Transactional} service that
 * inserts a user and queues its welcome e-mail, the {@code @QueueJob} bean that sends it, a {@code
 * DataSourceTransactionManager} on the application's Hikari pool (given as is, or behind a {@code
 * TransactionAwareDataSourceProxy}) reached through {@code hx.jdbc-url}.
 */
final class TransactionApps {
  /** The job the service pushes: a method of the {@code @QueueJob} bean, think-queue style. */
  static final String JOB = "UserRegisterJob@sendWelcomeEmail";

  static final String USERS_TABLE =
      "CREATE TABLE IF NOT EXISTS hx_users (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100) NOT NULL)";

  private TransactionApps() {}

  /** The application's pool; Spring closes it with the context. */
  @Configuration(proxyBeanMethods = false)
  static class Hikari {
    @Bean
    HikariDataSource dataSource(Environment env) {
      return TestApps.hikari(env.getRequiredProperty("hx.jdbc-url"));
    }
  }

  /**
   * The application's only DataSource bean is a {@link TransactionAwareDataSourceProxy} over the
   * pool (kept as a bean of its own that is no autowiring candidate, so Spring still closes it).
   */
  @Configuration
  static class ProxiedHikari {
    @Bean(autowireCandidate = false)
    HikariDataSource hxPool(Environment env) {
      return TestApps.hikari(env.getRequiredProperty("hx.jdbc-url"));
    }

    @Bean
    DataSource dataSource(Environment env) {
      return new TransactionAwareDataSourceProxy(hxPool(env));
    }
  }

  /** Everything but the DataSource. */
  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class App {
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      jdbc.execute(USERS_TABLE);
      return jdbc;
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
      return new TransactionTemplate(transactionManager);
    }

    @Bean
    UserService userService(JdbcTemplate jdbc, QueueManager queues) {
      return new UserService(jdbc, queues);
    }

    @Bean
    UserRegisterJob userRegisterJob() {
      return new UserRegisterJob();
    }
  }

  /** The welcome e-mail job's data. */
  record Welcome(String user) {}

  /** Registers users; the job is pushed with no Connection argument. */
  public static class UserService {
    private final JdbcTemplate jdbc;
    private final QueueManager queues;

    public UserService(JdbcTemplate jdbc, QueueManager queues) {
      this.jdbc = jdbc;
      this.queues = queues;
    }

    /** The defect's call: {@code later(...)}, then (if asked) a failure after it. */
    @Transactional
    public String registerLater(String user, Duration delay, String queue, boolean fail) {
      insert(user);
      String id = queues.later(delay, JOB, new Welcome(user), queue);
      failIf(fail, user);
      return id;
    }

    /** As {@link #registerLater} with {@code push(...)}. */
    @Transactional
    public String register(String user, String queue, boolean fail) {
      insert(user);
      String id = queues.push(JOB, new Welcome(user), queue);
      failIf(fail, user);
      return id;
    }

    /** No transaction at all. */
    public String registerWithoutTransaction(String user, String queue) {
      insert(user);
      return queues.push(JOB, new Welcome(user), queue);
    }

    private void insert(String user) {
      jdbc.update("INSERT INTO hx_users (id, name) VALUES (?, ?)", user, "name of " + user);
    }

    private static void failIf(boolean fail, String user) {
      if (fail) {
        throw new IllegalStateException("registration of " + user + " failed after the push");
      }
    }
  }

  /** Sends the welcome e-mail (records which user's, and how often). */
  @QueueJob(name = "UserRegisterJob", aliases = "common\\job\\UserRegisterJob")
  public static class UserRegisterJob {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final BlockingQueue<String> ran = new LinkedBlockingQueue<>();

    public void sendWelcomeEmail(Job job, Welcome welcome) {
      runs.computeIfAbsent(welcome.user(), u -> new AtomicInteger()).incrementAndGet();
      job.delete();
      ran.add(welcome.user());
    }

    /** Waits until the worker ran the job of {@code user}; fails after 20 s. */
    void awaitRun(String user) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (String u = null; !user.equals(u); ) {
        u = ran.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (u == null) {
          throw new AssertionError("the welcome e-mail of " + user + " was not sent within 20 s");
        }
      }
    }

    int runs(String user) {
      AtomicInteger n = runs.get(user);
      return n == null ? 0 : n.get();
    }

    /** The users whose e-mail was sent. */
    Set<String> users() {
      return Set.copyOf(runs.keySet());
    }
  }
}
