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

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spring.TransactionAwarePushes;
import org.thinkqueue.worker.Worker;

/** The auto-configuration on H2 and in memory: no servers needed. */
class ThinkQueueAutoConfigurationTest {

  @Test
  void zeroConfigurationOnAnEmbeddedDatabaseGivesAWorkingJdbcQueue() {
    TestApps.runner()
        .withUserConfiguration(TestApps.H2.class, TestApps.Handlers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(queues.connectionNames()).containsExactly("default");
              assertThat(queues.connection().connector()).isInstanceOf(JdbcConnector.class);
              assertThat(((JdbcConnector) queues.connection().connector()).table())
                  .isEqualTo("jobs");
              assertThat(context).hasSingleBean(ThinkQueueWorkers.class);
              queues.push(TestApps.EchoJob.class, Map.of("n", 1));
              assertThat(context.getBean(TestApps.EchoJob.class).next()).containsEntry("n", 1);
            });
  }

  @Test
  void withoutDataSourceOrConnectionsTheStartFailsRatherThanKeepJobsInMemory() {
    TestApps.runner()
        .withUserConfiguration(TestApps.Handlers.class)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("think-queue.connections")
                    .hasMessageContaining("memory (jobs lost at restart)"));
  }

  @Test
  void anExplicitMemoryConnectionDefersPushesUntilCommit() {
    TestApps.runner()
        .withUserConfiguration(TestApps.Handlers.class)
        .withPropertyValues("think-queue.connections.default.type=memory")
        .run(
            context -> {
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(TransactionAwarePushes.unwrap(queues.connection().connector()))
                  .isInstanceOf(MemoryConnector.class);
              assertThat(TransactionAwarePushes.defersUntilCommit(queues.connection().connector()))
                  .isTrue();
              queues.push(TestApps.EchoJob.class, Map.of("n", 2));
              assertThat(context.getBean(TestApps.EchoJob.class).next()).containsEntry("n", 2);
            });
  }

  @Test
  void propertiesBind() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.default-queue=hb-default",
            "think-queue.max-payload-bytes=2048",
            "think-queue.aliases.[app\\job\\SendMail]=" + TestApps.EchoJob.class.getName(),
            "think-queue.connections.mem.type=memory",
            "think-queue.connections.mem.retry-after=90",
            "think-queue.connections.mem.wire-format=v1",
            "think-queue.worker.queues=hb-a,hb-b",
            "think-queue.worker.threads=3",
            "think-queue.worker.backoff=1,5,30s",
            "think-queue.worker.stop-grace=250ms")
        .withUserConfiguration(TestApps.Handlers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ThinkQueueProperties p = context.getBean(ThinkQueueProperties.class);
              assertThat(p.worker().backoff())
                  .containsExactly(
                      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
              assertThat(p.worker().stopGrace()).isEqualTo(Duration.ofMillis(250));
              assertThat(p.connections().get("mem").retryAfter()).isEqualTo(Duration.ofSeconds(90));
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(queues.defaultConnectionName()).isEqualTo("mem");
              assertThat(queues.defaultQueue()).isEqualTo("hb-default");
              Connector connector = queues.connection().connector();
              assertThat(connector.retryAfter()).isEqualTo(Duration.ofSeconds(90));
              assertThat(connector.wireFormat()).isEqualTo(org.thinkqueue.WireFormat.V1);
              assertThat(context.getBean(JobRegistry.class).resolve("app\\job\\SendMail"))
                  .isNotNull();
              Worker worker = context.getBean(ThinkQueueWorkers.class).workers().get("worker");
              assertThat(worker.toString()).contains("queues=[hb-a, hb-b]", "threads=3");
              // a PHP job name pushed through the alias reaches the Java handler
              queues.push("app\\job\\SendMail", Map.of("to", "a@example.com"), "hb-b");
              assertThat(context.getBean(TestApps.EchoJob.class).next())
                  .containsEntry("to", "a@example.com");
            });
  }

  @Test
  void aBadValueFailsTheStartNamingTheProperty() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory", "think-queue.worker.threads=0")
        .run(context -> assertStartupFailure(context, "think-queue.worker.threads", "0"));
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.connections.default.wire-format=V2")
        .run(
            context ->
                assertStartupFailure(context, "think-queue.connections.default.wire-format", "V2"));
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.connections.default.retry-after=1")
        .run(
            context ->
                assertStartupFailure(context, "think-queue.connections.default.retry-after", "1"));
    TestApps.runner()
        .withPropertyValues("think-queue.connections.q.wire-format=V3")
        .run(context -> assertStartupFailure(context, "think-queue.connections.q.type", "jdbc"));
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.a.type=memory", "think-queue.connections.b.type=memory")
        .run(context -> assertStartupFailure(context, "think-queue.default-connection", "[a, b]"));
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.workers.mail.queues=hb mail")
        .run(
            context -> assertStartupFailure(context, "think-queue.workers.mail.queues", "hb mail"));
  }

  private static void assertStartupFailure(
      AssertableApplicationContext context, String property, String detail) {
    assertThat(context).hasFailed();
    List<String> messages = new ArrayList<>();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    assertThat(String.join("\n", messages)).contains(property).contains(detail);
  }

  @Test
  void workerDisabledGivesNoWorkerButPushesWork() {
    TestApps.runner()
        .withPropertyValues("think-queue.worker.enabled=false")
        .withUserConfiguration(TestApps.H2.class, TestApps.Handlers.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ThinkQueueWorkers.class);
              QueueManager queues = context.getBean(QueueManager.class);
              queues.push(TestApps.EchoJob.class, Map.of("n", 3), "hb-web");
              assertThat(queues.size("hb-web").ready()).isEqualTo(1);
              assertThat(context.getBean(TestApps.EchoJob.class).seen).isEmpty();
            });
  }

  @Test
  void twoWorkersOnTheirOwnQueuesInheritTheDefaults() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.worker.threads=2",
            "think-queue.workers.mail.queues=hb-mail",
            "think-queue.workers.reports.queues=hb-reports",
            "think-queue.workers.reports.threads=1",
            "think-queue.workers.off.enabled=false")
        .withUserConfiguration(TestApps.H2.class, TestApps.Handlers.class)
        .run(
            context -> {
              Map<String, Worker> workers = context.getBean(ThinkQueueWorkers.class).workers();
              assertThat(workers).containsOnlyKeys("mail", "reports");
              assertThat(workers.get("mail").toString()).contains("[hb-mail]", "threads=2");
              assertThat(workers.get("reports").toString()).contains("[hb-reports]", "threads=1");
              QueueManager queues = context.getBean(QueueManager.class);
              queues.push(TestApps.EchoJob.class, Map.of("q", "mail"), "hb-mail");
              queues.push(TestApps.EchoJob.class, Map.of("q", "reports"), "hb-reports");
              TestApps.EchoJob echo = context.getBean(TestApps.EchoJob.class);
              assertThat(List.of(echo.next().get("q"), echo.next().get("q")))
                  .containsExactlyInAnyOrder("mail", "reports");
            });
  }

  @Test
  void aUserQueueManagerWins() {
    TestApps.runner()
        .withUserConfiguration(UserManager.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(QueueManager.class);
              assertThat(context.getBean(QueueManager.class).connectionNames())
                  .containsExactly("mine");
              // the workers work the user's manager
              assertThat(
                      context.getBean(ThinkQueueWorkers.class).workers().get("worker").toString())
                  .contains("connection=mine");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserManager {
    @Bean
    QueueManager myQueues() {
      return QueueManager.builder()
          .connection("mine", new MemoryConnector())
          .registry(new JobRegistry())
          .build();
    }
  }

  @Test
  void payloadDataIsWrittenWithTheApplicationsObjectMapper() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory", "think-queue.worker.enabled=false")
        .withUserConfiguration(MoneyMapper.class, TestApps.Handlers.class)
        .run(
            context -> {
              QueueManager queues = context.getBean(QueueManager.class);
              queues.push(TestApps.EchoJob.class, Map.of("price", new Money(1234)), "hb-money");
              MemoryConnector memory =
                  (MemoryConnector) TransactionAwarePushes.unwrap(queues.connection().connector());
              assertThat(memory.readyPayloads("hb-money"))
                  .singleElement()
                  .asString()
                  .contains("\"price\":\"12.34 EUR\"");
            });
  }

  @Test
  void payloadsFromPhpStillReadWithTheApplicationsObjectMapper() throws Exception {
    ObjectMapper strict = new ObjectMapper(); // fails on unknown properties by default
    ObjectMapper forPhp = ThinkQueueAutoConfiguration.forPhp(strict);
    assertThat(forPhp.readValue("{\"cents\":5,\"extra\":1}", Money.class).cents()).isEqualTo(5);
    Map<?, ?> empty = forPhp.readValue("[]", Map.class);
    assertThat(empty).isEmpty();
  }

  record Money(long cents) {}

  @Configuration(proxyBeanMethods = false)
  static class MoneyMapper {
    @Bean
    ObjectMapper objectMapper() {
      SimpleModule module = new SimpleModule("money");
      module.addSerializer(
          Money.class,
          new JsonSerializer<Money>() {
            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
              gen.writeString(value.cents() / 100 + "." + value.cents() % 100 + " EUR");
            }
          });
      return new ObjectMapper().registerModule(module);
    }
  }

  @Test
  void closingTheContextLetsARunningJobFinishBeforeTheDataSourceCloses() throws Exception {
    TestApps.SlowJob slow = new TestApps.SlowJob();
    String[] url = new String[1];
    TestApps.runner()
        .withPropertyValues("think-queue.worker.stop-grace=20s")
        .withUserConfiguration(TestApps.H2.class)
        .withBean(TestApps.SlowJob.class, () -> slow)
        .withBean(
            "finishOnClose",
            ApplicationListener.class,
            () -> (ApplicationListener<ContextClosedEvent>) e -> slow.finish.countDown())
        .run(
            context -> {
              url[0] = TestApps.H2.LAST_URL.get();
              slow.dataSource = (HikariDataSource) context.getBean(DataSource.class);
              context.getBean(QueueManager.class).push(TestApps.SlowJob.class, Map.of());
              assertThat(slow.started.await(20, TimeUnit.SECONDS)).isTrue();
              // the job finishes only once the context closes (ContextClosedEvent comes first)
              context.close();
              assertThat(slow.dataSource.isClosed()).isTrue();
            });
    assertThat(slow.finishedWithDataSourceOpen.poll(1, TimeUnit.SECONDS)).isTrue();
    assertThat(rows(url[0], "SELECT COUNT(*) FROM jobs")).isZero();
  }

  @Test
  void closingTheContextReleasesAJobThatOutlastsTheStopGrace() throws Exception {
    TestApps.SlowJob slow = new TestApps.SlowJob();
    String[] url = new String[1];
    try {
      TestApps.runner()
          .withPropertyValues("think-queue.worker.stop-grace=200ms")
          .withUserConfiguration(TestApps.H2.class)
          .withBean(TestApps.SlowJob.class, () -> slow)
          .run(
              context -> {
                url[0] = TestApps.H2.LAST_URL.get();
                context.getBean(QueueManager.class).push(TestApps.SlowJob.class, Map.of());
                assertThat(slow.started.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(rows(url[0], "SELECT COUNT(*) FROM jobs WHERE reserve_time IS NOT NULL"))
                    .isEqualTo(1);
                context.close();
              });
      // released to the queue, ready for the next worker: not left reserved until retry-after
      assertThat(rows(url[0], "SELECT COUNT(*) FROM jobs WHERE reserve_time IS NULL")).isEqualTo(1);
    } finally {
      slow.finish.countDown();
    }
  }

  @Test
  void stopGraceIsCappedByTheShutdownPhaseTimeout() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.worker.stop-grace=60s",
            "spring.lifecycle.timeout-per-shutdown-phase=5s")
        .run(context -> assertThat(context).hasNotFailed());
    // The grace leaves the phase RELEASE_MARGIN (2 s) to release what still runs and close.
    String p = "think-queue.worker";
    assertThat(ThinkQueueWorkers.cap(Duration.ofSeconds(60), Duration.ofSeconds(5), p))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(ThinkQueueWorkers.cap(Duration.ofSeconds(30), Duration.ofSeconds(30), p))
        .as("the defaults")
        .isEqualTo(Duration.ofSeconds(28));
    assertThat(ThinkQueueWorkers.cap(Duration.ofSeconds(10), Duration.ofSeconds(30), p))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(ThinkQueueWorkers.cap(Duration.ofSeconds(5), Duration.ofSeconds(1), p))
        .isEqualTo(Duration.ZERO);
  }

  private static long rows(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void springDataRedisClusterSettingsAreRefusedNotIgnored() {
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=redis",
            "spring.data.redis.cluster.nodes=10.0.0.1:7000,10.0.0.2:7000")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("spring.data.redis.cluster.nodes")
                    .hasMessageContaining("think-queue.connections.default.url"));
  }
}
