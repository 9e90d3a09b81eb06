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

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

class QueueJobBeansTest {
  static final String QUEUE = "hs-beans";

  /** Job data. */
  public record Welcome(long user) {}

  /** What the handlers saw: "handler:user:inTransaction". */
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  static void called(String what, Welcome w) {
    CALLS.add(
        what
            + ":"
            + w.user()
            + ":"
            + TransactionSynchronizationManager.isActualTransactionActive());
  }

  /** Class level: fire(Job, T), send(T), failed; plus a setter that is not a handler. */
  @QueueJob(name = "UserRegisterJob", aliases = "common\\job\\UserRegisterJob")
  public static class UserRegisterJob {
    public void fire(Job job, Welcome w) {
      called("fire", w);
      job.delete();
    }

    public void send(Welcome w) {
      called("send", w);
      if (w.user() < 0) {
        throw new IllegalArgumentException("no such user");
      }
    }

    public void failed(Welcome w, Throwable cause) {
      called("failed", w);
    }

    public void setSomething(Welcome w) {
      throw new AssertionError("a setter is not a handler");
    }

    @Override
    public boolean equals(Object other) {
      return other == this; // has a handler's shape (T), but is Object's
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** Method level, (T) and (Job, T). */
  public static class Mailer {
    @QueueJob("HsMail")
    public void mail(Welcome w) {
      called("mail", w);
    }

    @QueueJob(name = "HsMailJob", aliases = "app\\job\\Mail")
    public void mailJob(Job job, Welcome w) {
      called("mailJob", w);
      job.delete();
    }
  }

  /** A plain JobHandler bean: registered under its class name. */
  public static class PlainHandler implements JobHandler<Welcome> {
    @Override
    public void fire(Job job, Welcome w) {
      called("plain", w);
      job.delete();
    }
  }

  /** A @Transactional class-level handler: proxied by CGLIB, called through the proxy. */
  @QueueJob(name = "HsTx")
  public static class TransactionalJob {
    @Transactional
    public void fire(Welcome w) {
      called("tx", w);
    }
  }

  /** A @Transactional JobHandler: a JDK proxy (it has an interface). */
  @QueueJob(name = "HsTxHandler")
  public static class TransactionalHandler implements JobHandler<Welcome> {
    @Override
    @Transactional
    public void fire(Job job, Welcome w) {
      called("txHandler", w);
      job.delete();
    }
  }

  @Configuration
  @EnableTransactionManagement
  static class Handlers {
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
      HikariDataSource ds = new HikariDataSource();
      ds.setJdbcUrl("jdbc:h2:mem:hs" + UUID.randomUUID().toString().substring(0, 8));
      return ds;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource ds) {
      return new DataSourceTransactionManager(ds);
    }

    @Bean
    UserRegisterJob userRegisterJob() {
      return new UserRegisterJob();
    }

    @Bean
    Mailer mailer() {
      return new Mailer();
    }

    @Bean
    PlainHandler plainHandler() {
      return new PlainHandler();
    }

    @Bean
    TransactionalJob transactionalJob() {
      return new TransactionalJob();
    }

    @Bean
    TransactionalHandler transactionalHandler() {
      return new TransactionalHandler();
    }
  }

  @Configuration
  static class Duplicate {
    @Bean
    UserRegisterJob firstJob() {
      return new UserRegisterJob();
    }

    @Bean
    OtherUserRegisterJob secondJob() {
      return new OtherUserRegisterJob();
    }
  }

  /** Claims the name of UserRegisterJob. */
  @QueueJob("UserRegisterJob")
  public static class OtherUserRegisterJob {
    public void fire(Welcome w) {}
  }

  @Configuration
  static class AliasClash {
    @Bean
    UserRegisterJob userJob() {
      return new UserRegisterJob();
    }

    @Bean
    Mailer phpNamed() {
      return new Mailer() {
        @QueueJob("common\\job\\UserRegisterJob")
        public void clash(Welcome w) {}
      };
    }
  }

  private static List<String> runAll(JobRegistry registry, String job, Object data) {
    CALLS.clear();
    MemoryConnector memory = new MemoryConnector();
    try (QueueManager queues =
            QueueManager.builder().connection("memory", memory).registry(registry).build();
        Worker worker = Worker.builder().manager(queues).queues(QUEUE).tries(1).build()) {
      queues.push(job, data, QUEUE);
      assertThat(worker.runOnce()).isTrue();
      assertThat(worker.runOnce()).isFalse();
      assertThat(memory.size(QUEUE).total()).as("deleted").isZero();
    }
    return List.copyOf(CALLS);
  }

  @Test
  void classMethodAndJobHandlerBeansAreRegistered() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry = new JobRegistry();
      QueueJobBeans.registerAll(registry, ctx);
      Map<String, Object> w = Map.of("user", 7);

      assertThat(runAll(registry, "UserRegisterJob", w)).containsExactly("fire:7:false");
      assertThat(runAll(registry, "UserRegisterJob@fire", w)).containsExactly("fire:7:false");
      assertThat(runAll(registry, "UserRegisterJob@send", w)).containsExactly("send:7:false");
      assertThat(runAll(registry, "HsMail", w)).containsExactly("mail:7:false");
      assertThat(runAll(registry, "HsMailJob", w)).containsExactly("mailJob:7:false");
      assertThat(runAll(registry, PlainHandler.class.getName(), w))
          .containsExactly("plain:7:false");
      assertThat(registry.contains("UserRegisterJob@setSomething")).isFalse();
      assertThat(registry.contains("UserRegisterJob@failed")).isFalse();
      assertThat(registry.contains("UserRegisterJob@equals")).isFalse();
    }
  }

  @Test
  void phpNamesResolveThroughAliases() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry = new JobRegistry();
      QueueJobBeans.registerAll(registry, ctx);
      Map<String, Object> w = Map.of("user", 3);
      assertThat(runAll(registry, "common\\job\\UserRegisterJob", w))
          .containsExactly("fire:3:false");
      assertThat(runAll(registry, "common\\job\\UserRegisterJob@send", w))
          .containsExactly("send:3:false");
      assertThat(runAll(registry, "app\\job\\Mail", w)).containsExactly("mailJob:3:false");
    }
  }

  @Test
  void failedCallbackOfAClassLevelHandlerIsCalled() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry = new JobRegistry();
      QueueJobBeans.registerAll(registry, ctx);
      assertThat(runAll(registry, "UserRegisterJob@send", Map.of("user", -1)))
          .containsExactly("send:-1:false", "failed:-1:false");
    }
  }

  @Test
  void proxiedTransactionalHandlersRunThroughTheirProxy() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      assertThat(AopUtils.isCglibProxy(ctx.getBean("transactionalJob"))).isTrue();
      assertThat(Proxy.isProxyClass(ctx.getBean("transactionalHandler").getClass())).isTrue();
      JobRegistry registry = new JobRegistry();
      QueueJobBeans.registerAll(registry, ctx);
      Map<String, Object> w = Map.of("user", 5);
      assertThat(runAll(registry, "HsTx", w)).containsExactly("tx:5:true");
      assertThat(runAll(registry, "HsTxHandler", w)).containsExactly("txHandler:5:true");
    }
  }

  @Test
  void twoHandlersForOneNameFailNamingBothBeans() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Duplicate.class)) {
      JobRegistry registry = new JobRegistry();
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'UserRegisterJob'")
          .hasMessageContaining("'firstJob'")
          .hasMessageContaining("'secondJob'");
      assertThat(registry.contains("UserRegisterJob@send")).as("nothing registered").isFalse();
    }
  }

  @Test
  void aNameEqualToAnotherBeansAliasFailsNamingBothBeans() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(AliasClash.class)) {
      assertThatThrownBy(() -> QueueJobBeans.registerAll(new JobRegistry(), ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'common\\job\\UserRegisterJob'")
          .hasMessageContaining("'userJob'")
          .hasMessageContaining("'phpNamed'");
    }
  }

  @Test
  void aNameTheRegistryAlreadyHasFails() {
    try (AnnotationConfigApplicationContext ctx =
        new AnnotationConfigApplicationContext(Handlers.class)) {
      JobRegistry registry = new JobRegistry().handle("HsMail", Welcome.class, w -> {});
      assertThatThrownBy(() -> QueueJobBeans.registerAll(registry, ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'HsMail'")
          .hasMessageContaining("'mailer'");
    }
  }
}
