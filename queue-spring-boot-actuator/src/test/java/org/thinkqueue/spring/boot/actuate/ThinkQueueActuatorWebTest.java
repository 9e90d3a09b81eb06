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
package org.thinkqueue.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.thinkqueue.QueueManager;

/**
 * A Spring Boot 3.5 web application with Actuator: {@code /actuator/health} shows the thinkQueue
 * component, {@code GET /actuator/thinkqueue} answers, and retry and forget are refused until the
 * endpoint's access is unrestricted.
 */
class ThinkQueueActuatorWebTest {
  private static final String QUEUE = "ha-web";
  private static TestQueues tables;
  private static QueueManager manager;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

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

  /** The application: only a QueueManager of its own, everything else auto-configured. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "")
    QueueManager queueManager() {
      return manager;
    }
  }

  private ConfigurableApplicationContext start(String... extra) {
    return new SpringApplicationBuilder(App.class)
        .properties(
            "server.port=0",
            "spring.main.banner-mode=off",
            "management.endpoints.web.exposure.include=health,thinkqueue",
            "management.endpoint.health.show-details=always",
            "think-queue.actuator.queues=" + QUEUE)
        .properties(extra)
        .run();
  }

  private HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path)
      throws Exception {
    String port = app.getEnvironment().getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Content-Type", "application/json")
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthShowsTheLibrarysComponentsAndWritesAreOffByDefault() throws Exception {
    TestQueues.failJobs(manager, "database", QUEUE, 1);
    manager.push(TestQueues.FAILING_JOB, "waiting", QUEUE);
    String id = manager.failed().list(0, 1).get(0).id();
    try (ConfigurableApplicationContext app = start()) {
      HttpResponse<String> health = send(app, "GET", "/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode thinkQueue = json.readTree(health.body()).at("/components/thinkQueue");
      assertThat(thinkQueue.at("/status").asText()).isEqualTo("UP");
      assertThat(thinkQueue.at("/components/database/status").asText()).isEqualTo("UP");
      assertThat(thinkQueue.at("/components/database/details/queues/" + QUEUE + "/ready").asLong())
          .isEqualTo(1);
      assertThat(thinkQueue.at("/components/failedJobs/details/count").asLong()).isEqualTo(1);

      HttpResponse<String> read = send(app, "GET", "/actuator/thinkqueue");
      assertThat(read.statusCode()).isEqualTo(200);
      JsonNode report = json.readTree(read.body());
      assertThat(report.at("/connections/database/queues/" + QUEUE + "/ready").asLong())
          .isEqualTo(1);
      assertThat(report.at("/failedJobs/count").asLong()).isEqualTo(1);
      assertThat(report.at("/failedJobs/newest/0/id").asText()).isEqualTo(id);
      assertThat(read.body()).doesNotContain("\"data\"").doesNotContain("\"payload\"");

      HttpResponse<String> one = send(app, "GET", "/actuator/thinkqueue/" + id);
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(json.readTree(one.body()).at("/job").asText()).isEqualTo(TestQueues.FAILING_JOB);
      assertThat(send(app, "GET", "/actuator/thinkqueue/404404").statusCode()).isEqualTo(404);

      assertThat(send(app, "POST", "/actuator/thinkqueue/" + id).statusCode()).isBetween(400, 499);
      assertThat(send(app, "DELETE", "/actuator/thinkqueue/" + id).statusCode())
          .isBetween(400, 499);
      assertThat(manager.failed().count()).isEqualTo(1);
    }
  }

  @Test
  void retryAndForgetWorkOverHttpWhenAccessIsUnrestricted() throws Exception {
    TestQueues.failJobs(manager, "database", QUEUE, 2);
    var failed = manager.failed().list(0, 2);
    try (ConfigurableApplicationContext app =
        start("management.endpoint.thinkqueue.access=unrestricted")) {
      HttpResponse<String> retry = send(app, "POST", "/actuator/thinkqueue/" + failed.get(0).id());
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(json.readTree(retry.body()).at("/retried/0/id").asText())
          .isEqualTo(failed.get(0).id());
      assertThat(manager.size(QUEUE).ready()).isEqualTo(1);

      HttpResponse<String> forget =
          send(app, "DELETE", "/actuator/thinkqueue/" + failed.get(1).id());
      assertThat(forget.statusCode()).isEqualTo(200);
      assertThat(json.readTree(forget.body()).at("/forgotten").asBoolean()).isTrue();
      assertThat(manager.failed().count()).isZero();
    }
  }
}
