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

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.micrometer.ThinkQueueMetrics;
import org.thinkqueue.micrometer.ThinkQueueObservation;

/**
 * Meters and tracing when {@code queue-micrometer} is on the class path: a {@link
 * ThinkQueueMetrics} bean (a {@code MeterBinder}, which Spring Boot binds to its {@code
 * MeterRegistry} when Actuator's metrics are on), and, when the application has an {@link
 * ObservationRegistry} (Actuator with Micrometer Tracing), a {@code traceparent} on every push and
 * a {@code thinkqueue.job.process} observation around every handler. The listeners reach the {@link
 * QueueManager} and the workers as beans of type {@link PushListener}, {@link WorkerListener} and
 * {@link JobMiddleware}, as an application's own listeners and middleware do. {@code
 * think-queue.metrics.enabled=false} and {@code think-queue.tracing.enabled=false} turn either off;
 * {@code think-queue.metrics.latency=true} adds the {@code dueAt} payload field the push-to-start
 * latency timer needs (off by default, so payloads stay as think-queue writes them).
 */
@AutoConfiguration(before = ThinkQueueAutoConfiguration.class)
@ConditionalOnClass({ThinkQueueMetrics.class, QueueManager.class})
public class ThinkQueueMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls this. */
  public ThinkQueueMetricsAutoConfiguration() {}

  /**
   * Meters: {@code thinkqueue.job.*}, {@code thinkqueue.queue.jobs}, {@code
   * thinkqueue.failed.jobs}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(
      prefix = ThinkQueueProperties.PREFIX + ".metrics",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    ThinkQueueMetrics thinkQueueMetrics(Environment environment) {
      // Latency needs a dueAt field in every payload: only when asked for, so jobs stay plain.
      return ThinkQueueMetrics.builder()
          .latency(
              environment.getProperty(
                  ThinkQueueProperties.PREFIX + ".metrics.latency", Boolean.class, false))
          .build();
    }

    @Bean
    PushListener thinkQueueMetricsPushListener(ThinkQueueMetrics metrics) {
      return metrics.pushListener();
    }

    @Bean
    WorkerListener thinkQueueMetricsWorkerListener(ThinkQueueMetrics metrics) {
      return metrics.workerListener();
    }

    /** The gauges read the manager's queues; it exists only after the push listener was made. */
    @Bean
    static SmartInitializingSingleton thinkQueueMetricsManager(
        ObjectProvider<ThinkQueueMetrics> metrics, ObjectProvider<QueueManager> manager) {
      return () -> metrics.ifAvailable(m -> manager.ifAvailable(m::manager));
    }
  }

  /** Tracing through Micrometer Observation, when the application has an ObservationRegistry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
  @ConditionalOnProperty(
      prefix = ThinkQueueProperties.PREFIX + ".tracing",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Tracing {
    @Bean
    @ConditionalOnMissingBean
    ThinkQueueObservation thinkQueueObservation(ObjectProvider<ObservationRegistry> registry) {
      return new ThinkQueueObservation(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    PushListener thinkQueueObservationPushListener(ThinkQueueObservation observation) {
      return observation.pushListener();
    }

    @Bean
    JobMiddleware thinkQueueObservationMiddleware(ThinkQueueObservation observation) {
      return observation.jobMiddleware();
    }
  }
}
