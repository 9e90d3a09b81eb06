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

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.thinkqueue.QueueManager;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.QueuesDescriptor;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.RetryDescriptor;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueEndpointAutoConfiguration;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueHealthContributorAutoConfiguration;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.RedisClient;

/**
 * Two connections, PostgreSQL (the default, keeping the failed jobs) and Redis, on the shared
 * servers: both components UP with their own sizes; failed jobs of the Redis connection listed and
 * retried onto Redis through the endpoint.
 */
@RequiresService({Service.POSTGRES, Service.REDIS})
class PostgresAndRedisActuatorIT {
  private static final String QUEUE = "ha-pg-redis-" + System.nanoTime();

  private TestQueues tables;
  private QueueManager manager;

  @AfterEach
  void tearDown() {
    if (manager != null) {
      manager.close();
      try (RedisClient redis = RedisClient.create(Services.redisUri())) {
        String key = "{queues:" + QUEUE + "}";
        redis.del(key, key + ":delayed", key + ":reserved", key + ":notify");
      }
    }
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  void bothConnectionsAreUpAndRedisFailuresAreRetriedOntoRedis() {
    tables = new TestQueues(Services.postgresJdbcUrl());
    manager =
        QueueManager.builder()
            .connection("database", tables.connector())
            .connection(
                "redis", RedisConnector.builder().uri(Services.redisUri().toString()).build())
            .registry(TestQueues.registry())
            .build();
    manager.push(TestQueues.FAILING_JOB, "pg", QUEUE);
    TestQueues.failJobs(manager, "redis", QUEUE, 2);
    manager.connection("redis").push(TestQueues.FAILING_JOB, "waiting", QUEUE);

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ThinkQueueHealthContributorAutoConfiguration.class,
                ThinkQueueEndpointAutoConfiguration.class))
        .withBean(QueueManager.class, () -> manager)
        .withPropertyValues(
            "management.endpoints.web.exposure.include=thinkqueue",
            "think-queue.actuator.queues=" + QUEUE,
            "think-queue.health.failed-jobs-threshold=5")
        .run(
            context -> {
              CompositeHealthContributor thinkQueue =
                  context.getBean("thinkQueueHealthContributor", CompositeHealthContributor.class);
              for (String connection : new String[] {"database", "redis"}) {
                var health = ((HealthIndicator) thinkQueue.getContributor(connection)).health();
                assertThat(health.getStatus()).as(connection).isEqualTo(Status.UP);
                assertThat(health.getDetails())
                    .isEqualTo(
                        Map.of(
                            "queues",
                            Map.of(
                                QUEUE,
                                Map.of("ready", 1L, "delayed", 0L, "reserved", 0L, "total", 1L))));
              }
              var failed = ((HealthIndicator) thinkQueue.getContributor("failedJobs")).health();
              assertThat(failed.getStatus()).isEqualTo(Status.UP);
              assertThat(failed.getDetails()).isEqualTo(Map.of("count", 2L, "threshold", 5L));

              ThinkQueueEndpoint endpoint = context.getBean(ThinkQueueEndpoint.class);
              QueuesDescriptor report = endpoint.queues();
              assertThat(report.failedJobs().newest())
                  .hasSize(2)
                  .allSatisfy(job -> assertThat(job.connection()).isEqualTo("redis"));

              RetryDescriptor all = endpoint.retry(ThinkQueueEndpoint.ALL);
              assertThat(all.retried()).hasSize(2);
              assertThat(all.errors()).isEmpty();
              assertThat(manager.connection("redis").size(QUEUE).ready()).isEqualTo(3);
              assertThat(manager.connection("database").size(QUEUE).ready()).isEqualTo(1);
              assertThat(manager.failed().count()).isZero();
            });
  }
}
