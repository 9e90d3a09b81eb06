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
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.thinkqueue.QueueManager;
import org.thinkqueue.micrometer.ThinkQueueMetrics;

/**
 * A whole application with Actuator: the library's meters are in Spring Boot's {@link
 * MeterRegistry} with no code beyond the handler bean.
 */
class MetricsApplicationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    TestApps.EchoJob echoJob() {
      return new TestApps.EchoJob();
    }
  }

  @Test
  void jobsAndPushesAreMeteredInTheApplicationsRegistry() throws Exception {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=jdbc:h2:mem:" + TestApps.unique("hbmetrics"),
                "spring.main.banner-mode=off")
            .run()) {
      QueueManager queues = context.getBean(QueueManager.class);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      String job = TestApps.EchoJob.class.getName();
      queues.push(TestApps.EchoJob.class, Map.of("metered", true));
      assertThat(context.getBean(TestApps.EchoJob.class).next()).containsEntry("metered", true);

      assertThat(
              meters
                  .get(ThinkQueueMetrics.JOB_PUSHED)
                  .tags("job", job, "outcome", "success")
                  .counter()
                  .count())
          .isEqualTo(1.0);
      // The outcome is recorded just after the handler returned.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  meters.find(ThinkQueueMetrics.JOB_DURATION).tags("outcome", "processed").timer()
                      != null);
      assertThat(
              meters
                  .get(ThinkQueueMetrics.JOB_DURATION)
                  .tags("job", job, "queue", "default", "outcome", "processed")
                  .timer()
                  .count())
          .isEqualTo(1);
      // Metered and traced by default, a plain job's payload is still exactly think-queue's.
      queues.later(Duration.ofMinutes(5), TestApps.EchoJob.class, Map.of("later", 1), "hb-later");
      String payload =
          new JdbcTemplate(context.getBean(DataSource.class))
              .queryForObject("select payload from jobs where queue = 'hb-later'", String.class);
      assertThat(payload)
          .startsWith("{\"job\":")
          .doesNotContain("dueAt")
          .doesNotContain("traceparent");
      assertThat(
              meters
                  .get(ThinkQueueMetrics.QUEUE_JOBS)
                  .tags("queue", "default", "state", "ready")
                  .gauge()
                  .value())
          .isZero();
    }
  }
}
