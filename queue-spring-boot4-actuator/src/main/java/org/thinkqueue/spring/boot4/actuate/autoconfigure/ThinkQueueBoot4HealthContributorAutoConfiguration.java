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
package org.thinkqueue.spring.boot4.actuate.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.boot.actuate.QueueHealthCheck;
import org.thinkqueue.spring.boot.actuate.autoconfigure.KnownQueues;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueActuatorProperties;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueHealthProperties;
import org.thinkqueue.spring.boot4.actuate.ThinkQueueHealthContributors;

/**
 * Spring Boot 4's {@code thinkQueue} health contributor, when the context has a {@link
 * QueueManager} and {@code management.health.thinkqueue.enabled} is not false. Conditional on Boot
 * 4's health API by name, so on Spring Boot 3.5 it steps aside for queue-spring-boot-actuator's.
 */
@AutoConfiguration(
    afterName = "org.thinkqueue.spring.boot.autoconfigure.ThinkQueueAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(QueueManager.class)
@ConditionalOnEnabledHealthIndicator("thinkqueue")
@EnableConfigurationProperties({
  ThinkQueueHealthProperties.class,
  ThinkQueueActuatorProperties.class
})
public class ThinkQueueBoot4HealthContributorAutoConfiguration {
  /** Instantiated by Spring. */
  public ThinkQueueBoot4HealthContributorAutoConfiguration() {}

  /**
   * The health rules, closed with the context.
   *
   * @param manager the application's manager
   * @param health {@code think-queue.health.*}
   * @param actuator {@code think-queue.actuator.*} (the queues shown)
   * @param environment for the workers' queues, shown when {@code think-queue.actuator.queues} is
   *     not set
   * @return the check
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public QueueHealthCheck thinkQueueHealthCheck(
      QueueManager manager,
      ThinkQueueHealthProperties health,
      ThinkQueueActuatorProperties actuator,
      Environment environment) {
    return new QueueHealthCheck(
        manager,
        new KnownQueues(actuator, environment),
        health.getFailedJobsThreshold(),
        health.getTimeout());
  }

  /**
   * The composite contributor, named {@code thinkQueue} in {@code /actuator/health}.
   *
   * @param check the health rules
   * @return one indicator per connection, then the failed jobs
   */
  @Bean
  @ConditionalOnMissingBean(name = "thinkQueueHealthContributor")
  public CompositeHealthContributor thinkQueueHealthContributor(QueueHealthCheck check) {
    return ThinkQueueHealthContributors.of(check);
  }
}
