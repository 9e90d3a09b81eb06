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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.thinkqueue.FailedJob;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.FailedJobDescriptor;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.QueuesDescriptor;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.RetryDescriptor;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueEndpointAutoConfiguration;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueHealthContributorAutoConfiguration;

/** The auto-configuration on Spring Boot 3.5 over an H2 connection: health and endpoint. */
class ThinkQueueActuatorAutoConfigurationTest {
  private static final String QUEUE = "ha-orders";

  private TestQueues tables;
  private QueueManager manager;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ThinkQueueHealthContributorAutoConfiguration.class,
                ThinkQueueEndpointAutoConfiguration.class))
        .withBean(QueueManager.class, () -> manager)
        .withPropertyValues("management.endpoints.web.exposure.include=thinkqueue");
  }

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

  private static Health health(CompositeHealthContributor contributor, String component) {
    return ((HealthIndicator) contributor.getContributor(component)).health();
  }

  private static List<String> names(CompositeHealthContributor contributor) {
    List<String> names = new ArrayList<>();
    contributor.forEach(named -> names.add(named.getName()));
    return names;
  }

  @Test
  void eachConnectionIsUpWithTheSizesOfTheKnownQueues() {
    manager.push(TestQueues.FAILING_JOB, "a", QUEUE);
    manager.push(TestQueues.FAILING_JOB, "b", QUEUE);
    manager.later(60, TestQueues.FAILING_JOB, "c", QUEUE);
    runner()
        .withPropertyValues("think-queue.actuator.queues=" + QUEUE + ",ha-empty")
        .run(
            context -> {
              CompositeHealthContributor thinkQueue =
                  context.getBean("thinkQueueHealthContributor", CompositeHealthContributor.class);
              assertThat(names(thinkQueue)).containsExactly("database", "failedJobs");
              Health database = health(thinkQueue, "database");
              assertThat(database.getStatus()).isEqualTo(Status.UP);
              assertThat(database.getDetails())
                  .isEqualTo(
                      Map.of(
                          "queues",
                          Map.of(
                              QUEUE,
                              Map.of("ready", 2L, "delayed", 1L, "reserved", 0L, "total", 3L),
                              "ha-empty",
                              Map.of("ready", 0L, "delayed", 0L, "reserved", 0L, "total", 0L))));
              Health failed = health(thinkQueue, "failedJobs");
              assertThat(failed.getStatus()).isEqualTo(Status.UP);
              assertThat(failed.getDetails()).isEqualTo(Map.of("count", 0L));
            });
  }

  @Test
  void withoutConfiguredQueuesTheManagersDefaultQueueIsShown() {
    manager.push(TestQueues.FAILING_JOB, "a");
    runner()
        .run(
            context ->
                assertThat(
                        health(
                                context.getBean(
                                    "thinkQueueHealthContributor",
                                    CompositeHealthContributor.class),
                                "database")
                            .getDetails())
                    .isEqualTo(
                        Map.of(
                            "queues",
                            Map.of(
                                "ha-default",
                                Map.of("ready", 1L, "delayed", 0L, "reserved", 0L, "total", 1L)))));
  }

  @Test
  void failedJobsOverTheThresholdAreDownAndAtTheThresholdUp() {
    TestQueues.failJobs(manager, "database", QUEUE, 2);
    runner()
        .withPropertyValues("think-queue.health.failed-jobs-threshold=2")
        .run(
            context -> {
              Health failed =
                  health(
                      context.getBean(
                          "thinkQueueHealthContributor", CompositeHealthContributor.class),
                      "failedJobs");
              assertThat(failed.getStatus()).isEqualTo(Status.UP);
              assertThat(failed.getDetails()).isEqualTo(Map.of("count", 2L, "threshold", 2L));
            });
    runner()
        .withPropertyValues("think-queue.health.failed-jobs-threshold=1")
        .run(
            context -> {
              CompositeHealthContributor thinkQueue =
                  context.getBean("thinkQueueHealthContributor", CompositeHealthContributor.class);
              Health failed = health(thinkQueue, "failedJobs");
              assertThat(failed.getStatus()).isEqualTo(Status.DOWN);
              assertThat(failed.getDetails()).isEqualTo(Map.of("count", 2L, "threshold", 1L));
              // The connection itself is fine: only the failed-jobs component is down.
              assertThat(health(thinkQueue, "database").getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOffAndNeedsAQueueManager() {
    runner()
        .withPropertyValues("management.health.thinkqueue.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("thinkQueueHealthContributor");
              assertThat(context).hasSingleBean(ThinkQueueEndpoint.class);
            });
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ThinkQueueHealthContributorAutoConfiguration.class,
                ThinkQueueEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=thinkqueue")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(QueueHealthCheck.class);
              assertThat(context).doesNotHaveBean(ThinkQueueEndpoint.class);
            });
  }

  @Test
  void theEndpointIsOnlyThereWhenExposed() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThinkQueueEndpointAutoConfiguration.class))
        .withBean(QueueManager.class, () -> manager)
        .run(context -> assertThat(context).doesNotHaveBean(ThinkQueueEndpoint.class));
  }

  @Test
  void theEndpointListsSizesAndFailedJobsWithoutPayloads() {
    TestQueues.failJobs(manager, "database", QUEUE, 2);
    manager.push(TestQueues.FAILING_JOB, "waiting", QUEUE);
    runner()
        .withPropertyValues("think-queue.actuator.queues=" + QUEUE)
        .run(
            context -> {
              ThinkQueueEndpoint endpoint = context.getBean(ThinkQueueEndpoint.class);
              QueuesDescriptor report = endpoint.queues();
              assertThat(report.defaultConnection()).isEqualTo("database");
              assertThat(report.connections().get("database").error()).isNull();
              assertThat(report.connections().get("database").queues().get(QUEUE).ready())
                  .isEqualTo(1);
              assertThat(report.failedJobs().count()).isEqualTo(2);
              assertThat(report.failedJobs().newest())
                  .hasSize(2)
                  .allSatisfy(
                      job -> {
                        assertThat(job.connection()).isEqualTo("database");
                        assertThat(job.queue()).isEqualTo(QUEUE);
                        assertThat(job.job()).isEqualTo(TestQueues.FAILING_JOB);
                        assertThat(job.exception())
                            .startsWith("java.lang.IllegalStateException: ha handler failed for")
                            .doesNotContain("\n");
                      });
              assertThat(report.toString()).doesNotContain("\"data\"");

              String id = report.failedJobs().newest().get(0).id();
              FailedJobDescriptor one = endpoint.failedJob(id);
              assertThat(one.exception()).contains("\tat ");
              assertThat(one.payload()).isNull();
              assertThat(endpoint.failedJob("no-such-id")).isNull();
            });
  }

  @Test
  void payloadsAreShownOnlyWhenEnabled() {
    TestQueues.failJobs(manager, "database", QUEUE, 1);
    String id = manager.failed().list(0, 1).get(0).id();
    runner()
        .withPropertyValues("think-queue.actuator.show-payloads=true")
        .run(
            context ->
                assertThat(context.getBean(ThinkQueueEndpoint.class).failedJob(id).payload())
                    .contains("\"job\":\"" + TestQueues.FAILING_JOB + "\"")
                    .contains("order-0"));
  }

  @Test
  void retryPushesTheJobBackAndForgetsTheRecord() {
    TestQueues.failJobs(manager, "database", QUEUE, 3);
    runner()
        .run(
            context -> {
              ThinkQueueEndpoint endpoint = context.getBean(ThinkQueueEndpoint.class);
              FailedJob first = manager.failed().list(0, 3).get(0);

              RetryDescriptor one = endpoint.retry(first.id());
              assertThat(one.retried()).singleElement().satisfies(r -> r.id().equals(first.id()));
              assertThat(one.notFound()).isEmpty();
              assertThat(one.errors()).isEmpty();
              assertThat(manager.failed().count()).isEqualTo(2);
              assertThat(manager.size(QUEUE).ready()).isEqualTo(1);

              assertThat(endpoint.retry(first.id()).notFound()).containsExactly(first.id());

              FailedJob second = manager.failed().list(0, 1).get(0);
              assertThat(endpoint.forget(second.id()).forgotten()).isTrue();
              assertThat(endpoint.forget(second.id()).forgotten()).isFalse();
              assertThat(manager.failed().count()).isEqualTo(1);

              RetryDescriptor all = endpoint.retry(ThinkQueueEndpoint.ALL);
              assertThat(all.retried()).hasSize(1);
              assertThat(manager.failed().count()).isZero();
              assertThat(manager.size(QUEUE).ready()).isEqualTo(2);
            });
  }
}
