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
package org.thinkqueue.spring.boot.actuate.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.boot.actuate.QueueHealthCheck;
import org.thinkqueue.spring.boot.actuate.ThinkQueueHealthContributors;

/**
 * Spring Boot 3.5's {@code thinkQueue} health contributor, when the context has a {@link
 * QueueManager} and {@code management.health.thinkqueue.enabled} is not false. Conditional on Boot
 * 3's health API by name, so on Spring Boot 4 (whose health API moved to {@code
 * org.springframework.boot.health}) it steps aside for queue-spring-boot4-actuator's.
 */
@AutoConfiguration(afterName = ThinkQueueEndpointAutoConfiguration.STARTER_AUTO_CONFIGURATION)
@ConditionalOnClass(name = ThinkQueueHealthContributorAutoConfiguration.BOOT3_HEALTH_INDICATOR)
@ConditionalOnBean(QueueManager.class)
@ConditionalOnEnabledHealthIndicator("thinkqueue")
@EnableConfigurationProperties({
  ThinkQueueHealthProperties.class,
  ThinkQueueActuatorProperties.class
})
public class ThinkQueueHealthContributorAutoConfiguration {
  /** Spring Boot 3's health indicator type, present up to Boot 3.5 and gone in Boot 4. */
  static final String BOOT3_HEALTH_INDICATOR =
      "org.springframework.boot.actuate.health.HealthIndicator";

  /** Instantiated by Spring. */
  public ThinkQueueHealthContributorAutoConfiguration() {}

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
