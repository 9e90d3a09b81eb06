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
package org.thinkqueue.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.thinkqueue.QueueManager;
import org.thinkqueue.examples.spring.SideEffects.Kind;

/**
 * The scenario on a running application (the worker on, the fakes reliable, no delays): a
 * registration that rolls back after its pushes sends nothing, a committed one sends each side
 * effect exactly once, and Actuator's health shows think-queue UP. Subclassed per database.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "example.demo.enabled=false",
      "example.queues.welcome-email=he-user_register_email",
      "example.queues.sales-rep-message=he-user_register_workman_message",
      "example.queues.tidio=he-sync_user_to_tidio",
      "example.welcome-email-delay=0s",
      "example.retry-delay=0s",
      "example.mailer.failure-rate=0",
      "example.mailer.latency=0s",
      "example.tidio.failure-rate=0",
      "example.tidio.latency=0s",
      "think-queue.worker.sleep=100ms",
      "think-queue.worker.backoff=0",
      "logging.level.org.thinkqueue.examples=WARN"
    })
abstract class RegistrationScenario {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired UserService users;
  @Autowired SideEffects sideEffects;
  @Autowired QueueManager queue;
  @Autowired ExampleProperties properties;
  @LocalServerPort int port;

  private static String unique(String who) {
    return who + "-" + UUID.randomUUID() + "@example.com";
  }

  private long jobsLeft() {
    ExampleProperties.Queues q = properties.queues();
    return queue.size(q.welcomeEmail()).total()
        + queue.size(q.salesRepMessage()).total()
        + queue.size(q.tidio()).total();
  }

  /** Each side effect delivered for {@code email}, then every job of the three queues gone. */
  private void awaitSideEffectsAndEmptyQueues(String email) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (Kind kind : Kind.values()) {
                assertThat(sideEffects.count(kind, email)).as(kind.name()).isPositive();
              }
            });
    await().atMost(WAIT).until(() -> jobsLeft() == 0);
  }

  private void assertDelivered(String email, int times) {
    for (Kind kind : Kind.values()) {
      assertThat(sideEffects.count(kind, email)).as(kind + " for " + email).isEqualTo(times);
    }
  }

  @Test
  void aCommittedRegistrationSendsEachSideEffectExactlyOnce() {
    String email = unique("committed");

    NewUser user = users.register(email, "Committed", "anna");

    assertThat(users.exists(email)).isTrue();
    assertThat(user.email()).isEqualTo(email);
    awaitSideEffectsAndEmptyQueues(email);
    assertDelivered(email, 1);
    assertThat(queue.failed().count()).isZero();
  }

  @Test
  void aRegistrationRolledBackAfterItsPushesSendsNothing() {
    String rolledBack = unique("rolled-back");

    // The three jobs are pushed, then the unknown sales rep makes the service throw.
    assertThatThrownBy(() -> users.register(rolledBack, "Rolled back", "nobody"))
        .isInstanceOf(RegistrationRefusedException.class)
        .hasMessageContaining("no sales rep");

    assertThat(users.exists(rolledBack)).isFalse();
    assertThat(jobsLeft()).as("jobs of the rolled-back registration").isZero();
    // A committed registration behind it on the same queues: once the worker has run its jobs, it
    // has passed where the rolled-back ones would have been.
    String after = unique("after");
    users.register(after, "After", "bo");
    awaitSideEffectsAndEmptyQueues(after);
    assertDelivered(after, 1);
    assertDelivered(rolledBack, 0);
  }

  @Test
  void aDuplicateAddressIsRefusedAndSendsNothingMore() {
    String email = unique("twice");
    users.register(email, "First", "chen");

    assertThatThrownBy(() -> users.register(email, "Second", "anna"))
        .isInstanceOf(RegistrationRefusedException.class)
        .hasMessageContaining("already registered");

    String after = unique("after-duplicate");
    users.register(after, "After", "anna");
    awaitSideEffectsAndEmptyQueues(email);
    awaitSideEffectsAndEmptyQueues(after);
    assertDelivered(email, 1);
  }

  @Test
  void healthAndMetricsShowTheQueue() throws Exception {
    String email = unique("metered");
    users.register(email, "Metered", "anna");
    awaitSideEffectsAndEmptyQueues(email);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = get(http, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode thinkQueue = new ObjectMapper().readTree(health.body()).at("/components/thinkQueue");
    assertThat(thinkQueue.at("/status").asText()).isEqualTo("UP");
    assertThat(thinkQueue.at("/components/default/status").asText()).isEqualTo("UP");

    assertThat(thinkQueue.at("/components/default/details/queues").size()).isPositive();

    HttpResponse<String> names = get(http, "/actuator/metrics");
    assertThat(names.statusCode()).isEqualTo(200);
    assertThat(names.body())
        .contains("thinkqueue.job.duration", "thinkqueue.job.pushed", "thinkqueue.queue.jobs");
    // Each of the three side effects ran at least once (an outcome is recorded as the attempt
    // ends).
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode runs =
                  new ObjectMapper()
                      .readTree(
                          get(
                                  http,
                                  "/actuator/metrics/thinkqueue.job.duration?tag=outcome:processed")
                              .body());
              assertThat(runs.at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
              assertThat(runs.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(3.0);
            });
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
