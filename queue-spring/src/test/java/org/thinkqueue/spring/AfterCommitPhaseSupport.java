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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

/**
 * The common pattern: a {@code @Transactional} service publishes an event, and a {@code
 * TransactionalEventListener(phase = AFTER_COMMIT)} pushes a job. Spring runs that listener from
 * {@code afterCompletion}, once the synchronisations are cleared but while the committed
 * transaction's connection is still bound. The push must be made once and be durable, whether the
 * pool hands out connections in auto-commit mode (Spring switches it back on after the transaction)
 * or not (the pool rolls back what was left open), and log no WARN. One subclass per database.
 */
abstract class AfterCommitPhaseSupport {
  static final String JOB = "HcWelcome";

  private static HikariDataSource autoCommitPool;
  private static HikariDataSource manualCommitPool;

  /** The database's JDBC URL. */
  protected abstract String jdbcUrl();

  /** Names unique to one test: connections (found in the log) and the queue. */
  record Names(String db, String memory, String queue) {}

  private Names names;

  private static HikariDataSource pool(String url, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("hc-spring-" + autoCommit);
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }

  @BeforeAll
  void openPools() {
    autoCommitPool = pool(jdbcUrl(), true);
    manualCommitPool = pool(jdbcUrl(), false);
    new JdbcTemplate(autoCommitPool)
        .execute(
            "CREATE TABLE IF NOT EXISTS hc_users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
  }

  @AfterAll
  static void closePools() {
    if (autoCommitPool != null) {
      autoCommitPool.close();
    }
    if (manualCommitPool != null) {
      manualCommitPool.close();
    }
  }

  @BeforeEach
  void names() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    names = new Names("hc-db-" + tag, "hc-mem-" + tag, "hc-welcome-" + tag);
    new JdbcTemplate(autoCommitPool).update("DELETE FROM hc_users");
  }

  /** Published by the service inside its transaction. */
  record UserRegistered(long id) {}

  /** Registers users. */
  public static class Registration {
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public Registration(JdbcTemplate jdbc, ApplicationEventPublisher events) {
      this.jdbc = jdbc;
      this.events = events;
    }

    /** Inserts the user and publishes the event; throws after both if asked to. */
    @Transactional
    public void register(long id, boolean fail) {
      jdbc.update("INSERT INTO hc_users (id, name) VALUES (?, ?)", id, "user" + id);
      events.publishEvent(new UserRegistered(id));
      if (fail) {
        throw new IllegalStateException("registration failed");
      }
    }
  }

  /** Pushes the welcome job on both connections once the registration has committed. */
  public static class WelcomeMail {
    private final QueueManager queues;
    private final Names names;

    public WelcomeMail(QueueManager queues, Names names) {
      this.queues = queues;
      this.names = names;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onRegistered(UserRegistered event) {
      queues.connection(names.db()).push(JOB, Map.of("user", event.id()), names.queue());
      queues.connection(names.memory()).push(JOB, Map.of("user", event.id()), names.queue());
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
    AtomicInteger runs() {
      return new AtomicInteger();
    }

    @Bean
    QueueManager queues(DataSource dataSource, Names names, AtomicInteger runs) {
      JobRegistry registry =
          new JobRegistry().handle(JOB, Map.class, data -> runs.incrementAndGet());
      return QueueManager.builder()
          .connection(
              names.db(),
              JdbcConnector.builder()
                  .dataSource(dataSource)
                  .prefix("hc_")
                  .createSchemaIfMissing(true)
                  .joinTransactions(new SpringConnectionJoiner(names.db()))
                  .build())
          .connection(
              names.memory(),
              TransactionAwarePushes.afterCommit(names.memory(), new MemoryConnector()))
          .registry(registry)
          .build();
    }

    @Bean
    Registration registration(JdbcTemplate jdbc, ApplicationEventPublisher events) {
      return new Registration(jdbc, events);
    }

    @Bean
    WelcomeMail welcomeMail(QueueManager queues, Names names) {
      return new WelcomeMail(queues, names);
    }
  }

  private AnnotationConfigApplicationContext context(boolean poolAutoCommit) {
    AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
    HikariDataSource pool = poolAutoCommit ? autoCommitPool : manualCommitPool;
    // The pools outlive each context: no inferred close().
    ctx.registerBean(DataSource.class, () -> pool, bd -> bd.setDestroyMethodName(""));
    ctx.registerBean(Names.class, () -> names);
    ctx.register(Config.class);
    ctx.refresh();
    // Creates the jobs table on first use, outside any transaction.
    ctx.getBean(QueueManager.class).connection(names.db()).size(names.queue());
    return ctx;
  }

  /** On a connection of its own, in auto-commit mode: what is committed. */
  private long committedJobs() {
    try (Connection c = autoCommitPool.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM hc_jobs WHERE queue = ?")) {
      st.setString(1, names.queue());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int work(AnnotationConfigApplicationContext ctx, String connection) {
    try (Worker worker =
        Worker.builder()
            .manager(ctx.getBean(QueueManager.class))
            .connection(connection)
            .queues(names.queue())
            .build()) {
      int n = 0;
      while (worker.runOnce()) {
        n++;
      }
      return n;
    }
  }

  @ParameterizedTest(name = "pool auto-commit {0}")
  @ValueSource(booleans = {true, false})
  void pushFromAnAfterCommitEventListenerIsCommittedOnceAndRuns(boolean poolAutoCommit) {
    try (AnnotationConfigApplicationContext ctx = context(poolAutoCommit);
        CapturedLog log = new CapturedLog()) {
      ctx.getBean(Registration.class).register(1, false);

      assertThat(committedJobs()).as("committed JDBC jobs").isEqualTo(1);
      QueueManager queues = ctx.getBean(QueueManager.class);
      assertThat(queues.connection(names.memory()).connector().size(names.queue()).ready())
          .isEqualTo(1);
      assertThat(work(ctx, names.db())).isEqualTo(1);
      assertThat(work(ctx, names.memory())).isEqualTo(1);
      assertThat(ctx.getBean(AtomicInteger.class)).hasValue(2);
      assertThat(committedJobs()).isZero();
      assertThat(log.lines(names.db())).isEmpty();
      assertThat(log.lines(names.memory())).isEmpty();
    }
  }

  @ParameterizedTest(name = "pool auto-commit {0}")
  @ValueSource(booleans = {true, false})
  void theListenerDoesNotPushWhenTheRegistrationRollsBack(boolean poolAutoCommit) {
    try (AnnotationConfigApplicationContext ctx = context(poolAutoCommit)) {
      try {
        ctx.getBean(Registration.class).register(2, true);
      } catch (IllegalStateException expected) {
        // rolled back
      }
      assertThat(committedJobs()).isZero();
      assertThat(work(ctx, names.db())).isZero();
      assertThat(work(ctx, names.memory())).isZero();
    }
  }
}
