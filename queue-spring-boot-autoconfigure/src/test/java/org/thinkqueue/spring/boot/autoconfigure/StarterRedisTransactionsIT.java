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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spring.TransactionAwarePushes;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.UserRegisterJob;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.UserService;
import org.thinkqueue.spring.boot.autoconfigure.TransactionApps.Welcome;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.worker.Worker;

/**
 * Issue #12 at Spring Boot level for a store that cannot join a database transaction: the starter's
 * Redis connection holds a push made inside a Spring transaction (on the application's H2
 * DataSource) until it commits and drops it on rollback; with {@code defer-until-commit=false} it
 * pushes at once, and a WARN says the first time that a rollback will not undo it.
 */
@RequiresService(Service.REDIS)
class StarterRedisTransactionsIT {
  /** Unique per test: the connection's name (its WARN is logged once per name), queue, users. */
  private final String connection = TestApps.unique("hxredis");

  private final String queue = TestApps.unique("hx-redis-tx-");
  private final String tag = TestApps.unique("hx-u-");

  private ApplicationContextRunner runner() {
    return TestApps.runner()
        .withPropertyValues(
            "hx.jdbc-url=jdbc:h2:mem:" + TestApps.unique("hx"),
            "think-queue.connections." + connection + ".type=redis",
            "think-queue.connections." + connection + ".url=" + Services.redisUri(),
            "think-queue.worker.queues=" + queue)
        .withUserConfiguration(TransactionApps.Hikari.class, TransactionApps.App.class);
  }

  private String user(int n) {
    return tag + n;
  }

  private static long users(AssertableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForObject("SELECT COUNT(*) FROM hx_users", Long.class);
  }

  private QueueSize jobs(AssertableApplicationContext context) {
    return context.getBean(QueueManager.class).size(queue);
  }

  private static void insert(JdbcTemplate jdbc, String user) {
    jdbc.update("INSERT INTO hx_users (id, name) VALUES (?, ?)", user, "name of " + user);
  }

  /** As StarterTransactionsSupport's: sent once (the job is gone), and nothing else was sent. */
  private void assertSentOnceAndOnly(AssertableApplicationContext context, String user)
      throws InterruptedException {
    UserRegisterJob mail = context.getBean(UserRegisterJob.class);
    mail.awaitRun(user);
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs(context).total() == 0);
    assertThat(mail.runs(user)).isEqualTo(1);
    assertThat(mail.users()).containsOnly(user);
  }

  @Test
  void rollbackLeavesNothingInRedisAndTheWorkerSendsNothing() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      TransactionAwarePushes.defersUntilCommit(
                          context.getBean(QueueManager.class).connection().connector()))
                  .isTrue();
              UserService service = context.getBean(UserService.class);
              assertThatThrownBy(
                      () -> service.registerLater(user(1), Duration.ofSeconds(5), queue, true))
                  .isInstanceOf(IllegalStateException.class);
              assertThatThrownBy(() -> service.register(user(2), queue, true))
                  .isInstanceOf(IllegalStateException.class);
              TransactionTemplate tx = context.getBean(TransactionTemplate.class);
              tx.executeWithoutResult(
                  status -> {
                    insert(context.getBean(JdbcTemplate.class), user(3));
                    context
                        .getBean(QueueManager.class)
                        .push(TransactionApps.JOB, new Welcome(user(3)), queue);
                    status.setRollbackOnly();
                  });
              assertThat(users(context)).isZero();
              assertThat(jobs(context).total()).isZero();
              // a job committed after them runs; theirs were never sent to Redis
              service.register(user(4), queue, false);
              assertSentOnceAndOnly(context, user(4));
            });
  }

  @Test
  void commitSendsThePushAfterwardsAndTheWorkerRunsItOnce() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TransactionTemplate tx = context.getBean(TransactionTemplate.class);
              QueueManager queues = context.getBean(QueueManager.class);
              List<QueueSize> inside = new ArrayList<>();
              try (CapturedLog log = new CapturedLog()) {
                tx.executeWithoutResult(
                    status -> {
                      insert(context.getBean(JdbcTemplate.class), user(1));
                      queues.push(TransactionApps.JOB, new Welcome(user(1)), queue);
                      inside.add(queues.size(queue));
                    });
                // deferring is what the connection is set to do: nothing to warn about
                assertThat(log.lines("'" + connection + "'")).isEmpty();
              }
              assertThat(inside).containsExactly(new QueueSize(0, 0, 0));
              assertThat(users(context)).isEqualTo(1);
              assertSentOnceAndOnly(context, user(1));
            });
  }

  @Test
  void transactionalServiceThatCommitsSendsTheEmailOnce() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(UserService.class).register(user(1), queue, false);
              assertThat(users(context)).isEqualTo(1);
              assertSentOnceAndOnly(context, user(1));
            });
  }

  @Test
  void withoutDeferUntilCommitPushesGoOutInsideTheTransactionStayAfterRollbackAndWarnOnce() {
    runner()
        .withPropertyValues(
            "think-queue.connections." + connection + ".defer-until-commit=false",
            "think-queue.worker.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TransactionTemplate tx = context.getBean(TransactionTemplate.class);
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(TransactionAwarePushes.defersUntilCommit(queues.connection().connector()))
                  .isFalse();
              List<QueueSize> inside = new ArrayList<>();
              try (CapturedLog log = new CapturedLog()) {
                tx.executeWithoutResult(
                    status -> {
                      insert(context.getBean(JdbcTemplate.class), user(1));
                      queues.push(TransactionApps.JOB, new Welcome(user(1)), queue);
                      queues.push(TransactionApps.JOB, new Welcome(user(2)), queue);
                      inside.add(queues.size(queue));
                      status.setRollbackOnly();
                    });
                assertThat(log.lines("'" + connection + "'"))
                    .singleElement()
                    .asString()
                    .contains("WARN", "defer-until-commit is off", "a rollback will not undo");
              }
              assertThat(inside).containsExactly(new QueueSize(2, 0, 0));
              assertThat(users(context)).isZero();
              assertThat(jobs(context)).isEqualTo(new QueueSize(2, 0, 0));
              // they are real jobs: a worker sends both (and so empties the test's queue)
              try (Worker worker = Worker.builder().manager(queues).queues(queue).build()) {
                assertThat(worker.runOnce()).isTrue();
                assertThat(worker.runOnce()).isTrue();
              }
              UserRegisterJob mail = context.getBean(UserRegisterJob.class);
              assertThat(mail.users()).containsOnly(user(1), user(2));
              assertThat(jobs(context).total()).isZero();
            });
  }
}
