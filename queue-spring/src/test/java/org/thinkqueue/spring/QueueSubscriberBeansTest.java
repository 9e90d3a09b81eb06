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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.Subscription;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

/**
 * {@link QueueSubscriber} on handler beans: declared in the registry under the handler's job name
 * (class, {@code @QueueJob} method, {@code name@method}), and a publish runs each; misplaced,
 * invalid or repeated ones stop the start with nothing declared.
 */
class QueueSubscriberBeansTest {
  static final String EVENT = "user.registered";
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  /** Job data. */
  public record NewUser(long id) {}

  /** The seed's registration job, think-queue style: one class, one method per side effect. */
  @QueueJob(name = "UserRegisterJob")
  public static class UserRegisterJob {
    @QueueSubscriber(event = EVENT, queue = "user_register_email", delaySeconds = 5)
    public void sendWelcomeEmail(NewUser u) {
      CALLS.add("email:" + u.id());
    }

    @QueueSubscriber(event = EVENT, queue = "user_register_workman_message")
    public void sendWorkmanMessage(Job job, NewUser u) {
      CALLS.add("message:" + u.id());
      job.delete();
    }
  }

  /** A JobHandler named by @QueueJob, subscribed on its class. */
  @QueueJob(name = "SyncUserToTidio")
  @QueueSubscriber(event = EVENT, queue = "sync_user_to_tidio")
  @QueueSubscriber(event = "user.updated", queue = "sync_user_to_tidio")
  public static class SyncUserToTidio implements JobHandler<NewUser> {
    @Override
    public void fire(Job job, NewUser u) {
      CALLS.add("tidio:" + u.id());
      job.delete();
    }
  }

  /** A @QueueJob method on a bean that is no handler itself. */
  public static class Audit {
    @QueueJob("AuditRegistration")
    @QueueSubscriber(event = EVENT)
    public void audit(NewUser u) {
      CALLS.add("audit:" + u.id());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    UserRegisterJob userRegisterJob() {
      return new UserRegisterJob();
    }

    @Bean
    SyncUserToTidio syncUserToTidio() {
      return new SyncUserToTidio();
    }

    @Bean
    Audit audit() {
      return new Audit();
    }
  }

  @Test
  void subscriptionsAreDeclaredUnderTheHandlersJobNamesAndAPublishRunsEach() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry = new JobRegistry();
      QueueJobBeans.registerAll(registry, ctx);

      assertThat(registry.subscriptions(EVENT))
          .containsExactly(
              new Subscription(
                  EVENT,
                  "UserRegisterJob@sendWelcomeEmail",
                  "user_register_email",
                  Duration.ofSeconds(5)),
              new Subscription(
                  EVENT,
                  "UserRegisterJob@sendWorkmanMessage",
                  "user_register_workman_message",
                  Duration.ZERO),
              new Subscription(EVENT, "SyncUserToTidio", "sync_user_to_tidio", Duration.ZERO),
              new Subscription(EVENT, "AuditRegistration", null, Duration.ZERO));
      assertThat(registry.subscriptions("user.updated"))
          .extracting(Subscription::job)
          .containsExactly("SyncUserToTidio");

      CALLS.clear();
      MemoryConnector memory = new MemoryConnector();
      try (QueueManager queues =
              QueueManager.builder().connection("memory", memory).registry(registry).build();
          Worker worker =
              Worker.builder()
                  .manager(queues)
                  .queues(
                      "user_register_workman_message", "sync_user_to_tidio", queues.defaultQueue())
                  .build()) {
        assertThat(queues.publish(EVENT, new NewUser(7))).hasSize(4);
        assertThat(memory.size("user_register_email").delayed()).isEqualTo(1);
        while (worker.runOnce()) {
          // drain the three queues due now
        }
      }
      assertThat(CALLS).containsExactlyInAnyOrder("message:7", "tidio:7", "audit:7");
    }
  }

  /** On a bean that handles no job name. */
  public static class NotAHandler {
    @QueueSubscriber(event = EVENT, queue = "q")
    public void onRegistered(NewUser u) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Misplaced {
    @Bean
    NotAHandler notAHandler() {
      return new NotAHandler();
    }
  }

  /** On a @QueueJob class without a fire method: the class name handles nothing. */
  @QueueJob(name = "NoFire")
  @QueueSubscriber(event = EVENT, queue = "q")
  public static class NoFire {
    public void send(NewUser u) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class ClassWithoutFire {
    @Bean
    NoFire noFire() {
      return new NoFire();
    }
  }

  /** An invalid queue name. */
  public static class BadQueue {
    @QueueJob("BadQueueJob")
    @QueueSubscriber(event = EVENT, queue = "no spaces allowed")
    public void handle(NewUser u) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Invalid {
    @Bean
    BadQueue badQueue() {
      return new BadQueue();
    }
  }

  @Test
  void aMisplacedSubscriptionStopsTheStartNamingTheBean() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Misplaced.class)) {
      JobRegistry registry = new JobRegistry();
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("notAHandler")
          .hasMessageContaining("@QueueSubscriber");
      assertThat(registry.subscriptions()).isEmpty();
    }
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(ClassWithoutFire.class)) {
      JobRegistry registry = new JobRegistry();
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("noFire")
          .hasMessageContaining("fire");
      assertThat(registry.subscriptions()).isEmpty();
      assertThat(registry.names()).isEmpty();
    }
  }

  @Test
  void anInvalidOrRepeatedSubscriptionStopsTheStartWithNothingDeclared() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Invalid.class)) {
      JobRegistry registry = new JobRegistry();
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("badQueue")
          .hasMessageContaining("no spaces allowed");
      assertThat(registry.names()).isEmpty();
    }
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry =
          new JobRegistry().subscribe(EVENT, "SyncUserToTidio", "sync_user_to_tidio");
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("syncUserToTidio")
          .hasMessageContaining("already declared");
      assertThat(registry.names()).isEmpty();
      assertThat(registry.subscriptions(EVENT)).hasSize(1);
    }
  }
}
