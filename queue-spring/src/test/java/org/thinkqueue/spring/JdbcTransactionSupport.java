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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.worker.Worker;

/**
 * A push given no connection inside a Spring transaction on the queue's own data source: rolled
 * back with the user row, or committed with it and run once. One subclass per database.
 */
abstract class JdbcTransactionSupport {
  static final String QUEUE = "hs-welcome";
  static final String JOB = "HsWelcome";

  private static HikariDataSource pool;

  /** The database's JDBC URL. */
  protected abstract String jdbcUrl();

  /** How the queue's connector reaches the transaction. */
  enum Variant {
    /** Built over the pool, joining with SpringConnectionJoiner. */
    JOINER(false, true),
    /** Built over a TransactionAwareDataSourceProxy of the pool, with the joiner too. */
    PROXY_WITH_JOINER(true, true),
    /** Built over a TransactionAwareDataSourceProxy of the pool, no joiner. */
    PROXY_WITHOUT_JOINER(true, false);

    final boolean proxy;
    final boolean joiner;

    Variant(boolean proxy, boolean joiner) {
      this.proxy = proxy;
      this.joiner = joiner;
    }
  }

  @BeforeAll
  void openPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl());
    config.setPoolName("hs-spring");
    config.setMaximumPoolSize(6);
    config.setConnectionTimeout(5_000);
    pool = new HikariDataSource(config);
    new JdbcTemplate(pool)
        .execute(
            "CREATE TABLE IF NOT EXISTS hs_users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @BeforeEach
  void clean() {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    jdbc.update("DELETE FROM hs_users");
    try (AnnotationConfigApplicationContext ctx = context(Variant.JOINER)) {
      // creates the jobs table on first use
      ctx.getBean(QueueManager.class).size(QUEUE);
    }
    jdbc.update("DELETE FROM hs_jobs");
  }

  /** The services the tests call. */
  public static class UserService {
    private final JdbcTemplate jdbc;
    private final QueueManager queues;

    public UserService(JdbcTemplate jdbc, QueueManager queues) {
      this.jdbc = jdbc;
      this.queues = queues;
    }

    /** Inserts a user and pushes its welcome job; throws after both if asked to. */
    @Transactional
    public String register(long id, boolean fail) {
      jdbc.update("INSERT INTO hs_users (id, name) VALUES (?, ?)", id, "user" + id);
      String jobId = queues.push(JOB, Map.of("user", id), QUEUE);
      if (fail) {
        throw new IllegalStateException("registration failed after the push");
      }
      return jobId;
    }

    /** As {@link #register} with {@code later(...)}, the defect's call. */
    @Transactional
    public String registerLater(long id, boolean fail) {
      jdbc.update("INSERT INTO hs_users (id, name) VALUES (?, ?)", id, "user" + id);
      String jobId = queues.later(Duration.ofSeconds(60), JOB, Map.of("user", id), QUEUE);
      if (fail) {
        throw new IllegalStateException("registration failed after the push");
      }
      return jobId;
    }

    /** No transaction at all. */
    public String registerWithoutTransaction(long id) {
      jdbc.update("INSERT INTO hs_users (id, name) VALUES (?, ?)", id, "user" + id);
      return queues.push(JOB, Map.of("user", id), QUEUE);
    }
  }

  @Configuration
  @EnableTransactionManagement
  static class Config {
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager tm) {
      return new TransactionTemplate(tm);
    }

    @Bean
    AtomicInteger runs() {
      return new AtomicInteger();
    }

    @Bean
    QueueManager queues(DataSource dataSource, Variant variant, AtomicInteger runs) {
      JobRegistry registry =
          new JobRegistry().handle(JOB, Map.class, data -> runs.incrementAndGet());
      JdbcConnector connector =
          JdbcConnector.builder()
              .dataSource(
                  variant.proxy ? new TransactionAwareDataSourceProxy(dataSource) : dataSource)
              .prefix("hs_")
              .createSchemaIfMissing(true)
              .joinTransactions(variant.joiner ? new SpringConnectionJoiner("database") : null)
              .build();
      return QueueManager.builder()
          .connection("database", connector)
          .registry(registry)
          .checkJobNamesOnPush(false)
          .build();
    }

    @Bean
    UserService userService(JdbcTemplate jdbc, QueueManager queues) {
      return new UserService(jdbc, queues);
    }
  }

  static AnnotationConfigApplicationContext context(Variant variant) {
    AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
    // The pool outlives each context: no inferred close().
    ctx.registerBean(DataSource.class, () -> pool, bd -> bd.setDestroyMethodName(""));
    ctx.registerBean(Variant.class, () -> variant);
    ctx.register(Config.class);
    ctx.refresh();
    return ctx;
  }

  private static long users() {
    return new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM hs_users", Long.class);
  }

  /** On a connection of the pool's own, outside Spring's transaction. */
  private static long countJobsOnOwnConnection() {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM hs_jobs")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static QueueSize jobs(AnnotationConfigApplicationContext ctx) {
    return ctx.getBean(QueueManager.class).size(QUEUE);
  }

  /** Runs the queue until empty; the number of jobs processed. */
  private static int work(AnnotationConfigApplicationContext ctx) {
    try (Worker worker =
        Worker.builder().manager(ctx.getBean(QueueManager.class)).queues(QUEUE).build()) {
      int n = 0;
      while (worker.runOnce()) {
        n++;
      }
      return n;
    }
  }

  /**
   * {@code PROXY_WITHOUT_JOINER}: JdbcConnector leaves a borrowed connection that arrives inside a
   * foreign transaction alone (no auto-commit switch, which would commit it), so it rolls back too.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void transactionalServiceThatThrowsLeavesNeitherUserNorJob(Variant variant) {
    try (AnnotationConfigApplicationContext ctx = context(variant)) {
      UserService users = ctx.getBean(UserService.class);
      assertThatThrownBy(() -> users.register(1, true)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> users.registerLater(2, true))
          .isInstanceOf(IllegalStateException.class);
      assertThat(users()).isZero();
      assertThat(jobs(ctx).total()).isZero();
      assertThat(work(ctx)).isZero();
      assertThat(ctx.getBean(AtomicInteger.class)).hasValue(0);
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void transactionalServiceThatCommitsStoresBothAndTheJobRunsOnce(Variant variant) {
    try (AnnotationConfigApplicationContext ctx = context(variant)) {
      UserService users = ctx.getBean(UserService.class);
      users.register(1, false);
      users.registerLater(2, false);
      assertThat(users()).isEqualTo(2);
      assertThat(jobs(ctx)).isEqualTo(new QueueSize(1, 1, 0));
      assertThat(work(ctx)).isEqualTo(1);
      assertThat(ctx.getBean(AtomicInteger.class)).hasValue(1);
      assertThat(jobs(ctx)).isEqualTo(new QueueSize(0, 1, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void transactionTemplateRollbackAndCommit(Variant variant) {
    try (AnnotationConfigApplicationContext ctx = context(variant)) {
      TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      QueueManager queues = ctx.getBean(QueueManager.class);
      tx.executeWithoutResult(
          status -> {
            jdbc.update("INSERT INTO hs_users (id, name) VALUES (1, 'a')");
            queues.push(JOB, Map.of("user", 1), QUEUE);
            status.setRollbackOnly();
          });
      assertThat(users()).isZero();
      assertThat(jobs(ctx).total()).isZero();

      tx.executeWithoutResult(
          status -> {
            jdbc.update("INSERT INTO hs_users (id, name) VALUES (2, 'b')");
            queues.push(JOB, Map.of("user", 2), QUEUE);
          });
      assertThat(users()).isEqualTo(1);
      assertThat(jobs(ctx).ready()).isEqualTo(1);
      assertThat(work(ctx)).isEqualTo(1);
      assertThat(ctx.getBean(AtomicInteger.class)).hasValue(1);
    }
  }

  @Test
  void withoutTransactionTheJobIsPushedAtOnce() {
    try (AnnotationConfigApplicationContext ctx = context(Variant.JOINER)) {
      UserService users = ctx.getBean(UserService.class);
      users.registerWithoutTransaction(1);
      assertThat(jobs(ctx).ready()).isEqualTo(1);
      assertThat(work(ctx)).isEqualTo(1);
    }
  }

  @Test
  void jobIsNotVisibleToOtherConnectionsBeforeTheCommit() {
    try (AnnotationConfigApplicationContext ctx = context(Variant.JOINER)) {
      TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
      QueueManager queues = ctx.getBean(QueueManager.class);
      tx.executeWithoutResult(
          status -> {
            queues.push(JOB, Map.of("user", 1), QUEUE);
            // Another connection of the pool: the row is not committed yet.
            assertThat(countJobsOnOwnConnection()).isZero();
          });
      assertThat(jobs(ctx).ready()).isEqualTo(1);
    }
  }
}
