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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.Job;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.Subscription;
import org.thinkqueue.spring.QueueJob;
import org.thinkqueue.spring.QueueSubscriber;

/**
 * Fan-out in a Spring Boot application: {@code @QueueSubscriber} on handler beans becomes the
 * registry's subscriptions at start-up, a publish runs every subscriber through the starter's
 * workers, a publish inside a transaction on a memory connection waits for the commit (dropped on
 * rollback), and a misplaced {@code @QueueSubscriber} stops the start.
 */
class StarterFanOutTest {
  static final String EVENT = "fo.user.registered";
  static final String EMAIL = "fo_user_register_email";
  static final String MESSAGE = "fo_user_register_workman_message";
  static final String TIDIO = "fo_sync_user_to_tidio";

  private ApplicationContextRunner runner() {
    return TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.worker.queues=" + EMAIL + "," + MESSAGE + "," + TIDIO,
            "think-queue.worker.sleep=200ms");
  }

  /** The event's data. */
  public record NewUser(long id, String email) {}

  /** The seed's registration, one handler method per side effect. */
  @QueueJob(name = "FoUserRegisterJob")
  public static class UserRegisterJob {
    final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    @QueueSubscriber(event = EVENT, queue = EMAIL)
    public void sendWelcomeEmail(NewUser user) {
      calls.add("email:" + user.id());
    }

    @QueueSubscriber(event = EVENT, queue = MESSAGE)
    public void sendWorkmanMessage(Job job, NewUser user) {
      calls.add("message:" + user.id());
      job.delete();
    }

    @QueueSubscriber(event = EVENT, queue = TIDIO)
    public void syncToTidio(NewUser user) {
      calls.add("tidio:" + user.id());
    }

    List<String> next(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String call = calls.poll(20, TimeUnit.SECONDS);
        if (call == null) {
          throw new AssertionError("only " + out + " ran within 20 s");
        }
        out.add(call);
      }
      return out;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    UserRegisterJob userRegisterJob() {
      return new UserRegisterJob();
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSource dataSource) {
      return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
  }

  @Test
  void subscribersAreRegisteredAtStartAndAPublishRunsEachOfThem() {
    runner()
        .withUserConfiguration(TestApps.H2.class, App.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(JobRegistry.class).subscriptions(EVENT))
                  .containsExactly(
                      new Subscription(
                          EVENT, "FoUserRegisterJob@sendWelcomeEmail", EMAIL, Duration.ZERO),
                      new Subscription(
                          EVENT, "FoUserRegisterJob@sendWorkmanMessage", MESSAGE, Duration.ZERO),
                      new Subscription(
                          EVENT, "FoUserRegisterJob@syncToTidio", TIDIO, Duration.ZERO));
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(queues.publish(EVENT, new NewUser(1, "ada@example.com"))).hasSize(3);
              assertThat(context.getBean(UserRegisterJob.class).next(3))
                  .containsExactlyInAnyOrder("email:1", "message:1", "tidio:1");
            });
  }

  @Test
  void aPublishInsideATransactionWaitsForTheCommitAndARollbackDropsIt() {
    runner()
        .withPropertyValues("think-queue.worker.enabled=false")
        .withUserConfiguration(TestApps.H2.class, App.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              QueueManager queues = context.getBean(QueueManager.class);
              TransactionTemplate tx = context.getBean(TransactionTemplate.class);
              tx.executeWithoutResult(
                  s -> {
                    queues.publish(EVENT, new NewUser(2, "bob@example.com"));
                    s.setRollbackOnly();
                  });
              for (String q : List.of(EMAIL, MESSAGE, TIDIO)) {
                assertThat(queues.size(q).total()).as("rolled back: %s", q).isZero();
              }
              tx.executeWithoutResult(
                  s -> {
                    queues.publish(EVENT, new NewUser(3, "eve@example.com"));
                    assertThat(queues.size(EMAIL).total()).as("before the commit").isZero();
                  });
              for (String q : List.of(EMAIL, MESSAGE, TIDIO)) {
                assertThat(queues.size(q)).as("committed: %s", q).isEqualTo(new QueueSize(1, 0, 0));
              }
            });
  }

  /** A subscription on a bean that handles no job name. */
  public static class Listener {
    @QueueSubscriber(event = EVENT, queue = EMAIL)
    public void onRegistered(NewUser user) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Misplaced {
    @Bean
    Listener registrationListener() {
      return new Listener();
    }
  }

  @Test
  void aMisplacedSubscriberStopsTheStartNamingTheBean() {
    runner()
        .withUserConfiguration(Misplaced.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              List<String> messages = new ArrayList<>();
              for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
              }
              assertThat(String.join("\n", messages))
                  .contains("registrationListener")
                  .contains("@QueueSubscriber");
            });
  }
}
