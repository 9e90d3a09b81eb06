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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.UserRegisterJob;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.UserService;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.Welcome;

/**
 * Issue #12 at Spring Boot level: the starter's JDBC connection on the application's DataSource
 * joins the Spring transaction of a push given no Connection. Rolled back, neither the user nor its
 * welcome e-mail job exists and the starter's worker never sends it; committed, both exist and the
 * worker runs the job once; without a transaction the job is stored at once. For a {@code
 * DataSource} bean that is the Hikari pool and one that is a {@link
 * TransactionAwareDataSourceProxy} over it. One subclass per database.
 */
abstract class StarterTransactionsSupport {
  private static final Duration LATER = Duration.ofSeconds(5);

  /** Unique per test: the connection's name (its WARN is logged once per name), queue, users. */
  private final String connection = TestApps.unique("hx");

  private final String queue = TestApps.unique("hx-tx-");
  private final String tag = TestApps.unique("hx-u-");

  /** The JDBC URL of the application's pool. */
  protected abstract String jdbcUrl();

  /** The application's DataSource bean. */
  enum Pool {
    HIKARI(TransactionApps.Hikari.class),
    TRANSACTION_AWARE_PROXY(TransactionApps.ProxiedHikari.class);

    final Class<?> configuration;

    Pool(Class<?> configuration) {
      this.configuration = configuration;
    }
  }

  /** A test's body, given the running application. */
  interface Body {
    void run(AssertableApplicationContext context) throws Exception;
  }

  private void run(Pool pool, Body body) {
    TestApps.runner()
        .withPropertyValues(
            "hx.jdbc-url=" + jdbcUrl(),
            "think-queue.connections." + connection + ".type=jdbc",
            "think-queue.connections." + connection + ".prefix=hx_",
            "think-queue.connections." + connection + ".initialize-schema=always",
            "think-queue.worker.queues=" + queue,
            "think-queue.worker.sleep=200ms")
        .withUserConfiguration(pool.configuration, TransactionApps.App.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              try {
                body.run(context);
              } finally {
                jdbc.update("DELETE FROM hx_users WHERE id LIKE ?", tag + "%");
                jdbc.update("DELETE FROM hx_jobs WHERE queue = ?", queue);
              }
            });
  }

  private String user(int n) {
    return tag + n;
  }

  private long users(AssertableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("SELECT COUNT(*) FROM hx_users WHERE id LIKE ?", Long.class, tag + "%");
  }

  private QueueSize jobs(AssertableApplicationContext context) {
    return context.getBean(QueueManager.class).size(queue);
  }

  /**
   * Waits for the worker to send {@code user}'s e-mail and delete its job, then checks it was sent
   * once: once the job is gone, no worker can run it again.
   */
  private void assertSentOnce(AssertableApplicationContext context, String user)
      throws InterruptedException {
    UserRegisterJob mail = context.getBean(UserRegisterJob.class);
    mail.awaitRun(user);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> jobs(context).ready() + jobs(context).reserved() == 0);
    assertThat(mail.runs(user)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Pool.class)
  void transactionalServiceThatThrowsLeavesNeitherUserNorJob(Pool pool) {
    run(
        pool,
        context -> {
          UserService service = context.getBean(UserService.class);
          assertThatThrownBy(() -> service.registerLater(user(1), LATER, queue, true))
              .isInstanceOf(IllegalStateException.class);
          assertThatThrownBy(() -> service.register(user(2), queue, true))
              .isInstanceOf(IllegalStateException.class);
          assertThat(users(context)).isZero();
          assertThat(jobs(context).total()).isZero();
          // A job committed after them runs; theirs never existed, so never run.
          service.register(user(3), queue, false);
          assertSentOnce(context, user(3));
          assertThat(context.getBean(UserRegisterJob.class).users()).containsOnly(user(3));
        });
  }

  @ParameterizedTest
  @EnumSource(Pool.class)
  void transactionalServiceThatCommitsStoresBothAndTheWorkerSendsOnce(Pool pool) {
    run(
        pool,
        context -> {
          UserService service = context.getBean(UserService.class);
          try (CapturedLog log = new CapturedLog()) {
            service.registerLater(user(1), Duration.ZERO, queue, false);
            service.registerLater(user(2), Duration.ofMinutes(10), queue, false);
            // the transaction is on the connection's own DataSource: no "rollback will not undo"
            assertThat(log.lines("'" + connection + "'")).isEmpty();
          }
          assertThat(users(context)).isEqualTo(2);
          assertSentOnce(context, user(1));
          assertThat(jobs(context)).isEqualTo(new QueueSize(0, 1, 0));
          assertThat(context.getBean(UserRegisterJob.class).users()).containsOnly(user(1));
        });
  }

  @ParameterizedTest
  @EnumSource(Pool.class)
  void transactionTemplateRollsBackAndCommitsThePushWithTheRow(Pool pool) {
    run(
        pool,
        context -> {
          TransactionTemplate tx = context.getBean(TransactionTemplate.class);
          JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
          QueueManager queues = context.getBean(QueueManager.class);
          tx.executeWithoutResult(
              status -> {
                insert(jdbc, user(1));
                queues.later(LATER, TransactionApps.JOB, new Welcome(user(1)), queue);
                status.setRollbackOnly();
              });
          assertThatThrownBy(
                  () ->
                      tx.executeWithoutResult(
                          status -> {
                            insert(jdbc, user(2));
                            queues.push(TransactionApps.JOB, new Welcome(user(2)), queue);
                            throw new IllegalStateException("after the push");
                          }))
              .isInstanceOf(IllegalStateException.class);
          assertThat(users(context)).isZero();
          assertThat(jobs(context).total()).isZero();

          tx.executeWithoutResult(
              status -> {
                insert(jdbc, user(3));
                queues.later(Duration.ZERO, TransactionApps.JOB, new Welcome(user(3)), queue);
              });
          assertThat(users(context)).isEqualTo(1);
          assertSentOnce(context, user(3));
          assertThat(context.getBean(UserRegisterJob.class).users()).containsOnly(user(3));
        });
  }

  @ParameterizedTest
  @EnumSource(Pool.class)
  void withoutTransactionTheJobIsStoredAtOnce(Pool pool) {
    String unworked = queue + "-held";
    run(
        pool,
        context -> {
          UserService service = context.getBean(UserService.class);
          service.registerWithoutTransaction(user(1), unworked);
          // no worker on this queue: the job is there as soon as the push returned
          assertThat(context.getBean(QueueManager.class).size(unworked).ready()).isEqualTo(1);
          service.registerWithoutTransaction(user(2), queue);
          assertSentOnce(context, user(2));
          assertThat(users(context)).isEqualTo(2);
          context
              .getBean(JdbcTemplate.class)
              .update("DELETE FROM hx_jobs WHERE queue = ?", unworked);
        });
  }

  private static void insert(JdbcTemplate jdbc, String user) {
    jdbc.update("INSERT INTO hx_users (id, name) VALUES (?, ?)", user, "name of " + user);
  }
}
