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
package org.thinkqueue.spring.boot4.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.boot.actuate.QueueHealthCheck;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueEndpointAutoConfiguration;
import org.thinkqueue.spring.boot4.actuate.autoconfigure.ThinkQueueBoot4HealthContributorAutoConfiguration;

/**
 * On Spring Boot 4 with both jars on the class path: the Boot 3 health auto-configuration steps
 * aside, Boot 4's contributes {@code thinkQueue} with the same rules, and the shared endpoint works
 * over HTTP with writes off by default.
 */
class Boot4ThinkQueueActuatorTest {
  private static final String QUEUE = "ha-boot4";
  private static QueueManager manager;
  private TestQueues tables;

  @BeforeEach
  void setUp() {
    tables = new TestQueues(TestQueues.h2Url());
    manager = tables.manager("database");
  }

  @AfterEach
  void tearDown() {
    manager.close();
    tables.close();
  }

  @Test
  void runsOnSpringBoot4() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
  }

  private static Health health(CompositeHealthContributor contributor, String component) {
    return ((HealthIndicator) contributor.getContributor(component)).health();
  }

  @Test
  void onlyTheBoot4HealthContributorIsActiveAndAppliesTheThreshold() throws Exception {
    // By name: javac on a Boot 4 class path cannot read its Boot 3 annotations, Spring can.
    Class<?> boot3Health =
        Class.forName(
            "org.thinkqueue.spring.boot.actuate.autoconfigure"
                + ".ThinkQueueHealthContributorAutoConfiguration");
    manager.push(TestQueues.FAILING_JOB, "a", QUEUE);
    TestQueues.failJobs(manager, "database", "ha-boot4-failing", 2);
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                boot3Health,
                ThinkQueueBoot4HealthContributorAutoConfiguration.class,
                ThinkQueueEndpointAutoConfiguration.class))
        .withBean(QueueManager.class, () -> manager)
        .withPropertyValues(
            "think-queue.actuator.queues=" + QUEUE, "think-queue.health.failed-jobs-threshold=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(QueueHealthCheck.class);
              CompositeHealthContributor thinkQueue =
                  context.getBean("thinkQueueHealthContributor", CompositeHealthContributor.class);
              Health database = health(thinkQueue, "database");
              assertThat(database.getStatus()).isEqualTo(Status.UP);
              assertThat(database.getDetails())
                  .isEqualTo(
                      Map.of(
                          "queues",
                          Map.of(
                              QUEUE,
                              Map.of("ready", 1L, "delayed", 0L, "reserved", 0L, "total", 1L))));
              Health failed = health(thinkQueue, "failedJobs");
              assertThat(failed.getStatus()).isEqualTo(Status.DOWN);
              assertThat(failed.getDetails()).isEqualTo(Map.of("count", 2L, "threshold", 1L));
            });
  }

  /** The application: only a QueueManager of its own, everything else auto-configured. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "")
    QueueManager queueManager() {
      return manager;
    }
  }

  @Test
  void healthAndTheEndpointOverHttpWithWritesOffByDefault() throws Exception {
    TestQueues.failJobs(manager, "database", QUEUE, 1);
    String id = manager.failed().list(0, 1).get(0).id();
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(App.class)
            .properties(
                "server.port=0",
                "spring.main.banner-mode=off",
                "management.endpoints.web.exposure.include=health,thinkqueue",
                "management.endpoint.health.show-details=always",
                "think-queue.actuator.queues=" + QUEUE)
            .run()) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode thinkQueue = json.readTree(health.body()).at("/components/thinkQueue");
      assertThat(thinkQueue.at("/components/database/status").asText()).isEqualTo("UP");
      assertThat(thinkQueue.at("/components/failedJobs/details/count").asLong()).isEqualTo(1);

      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/actuator/thinkqueue")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(json.readTree(read.body()).at("/failedJobs/newest/0/id").asText()).isEqualTo(id);

      HttpResponse<String> retry =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/actuator/thinkqueue/" + id))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(retry.statusCode()).isBetween(400, 499);
      assertThat(manager.failed().count()).isEqualTo(1);
      assertThat(app.getBean(ThinkQueueEndpoint.class)).isNotNull();
    }
  }
}
