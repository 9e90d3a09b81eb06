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

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint;

/**
 * The {@code thinkqueue} endpoint, on Spring Boot 3.5 and 4.0 alike, when the context has a {@link
 * QueueManager} and the endpoint is available (exposed and not turned off).
 */
@AutoConfiguration(afterName = ThinkQueueEndpointAutoConfiguration.STARTER_AUTO_CONFIGURATION)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(QueueManager.class)
@ConditionalOnAvailableEndpoint(ThinkQueueEndpoint.class)
@EnableConfigurationProperties(ThinkQueueActuatorProperties.class)
public class ThinkQueueEndpointAutoConfiguration {
  /** The starter's auto-configuration, which defines the {@link QueueManager}. */
  public static final String STARTER_AUTO_CONFIGURATION =
      "org.thinkqueue.spring.boot.autoconfigure.ThinkQueueAutoConfiguration";

  /** Instantiated by Spring. */
  public ThinkQueueEndpointAutoConfiguration() {}

  /**
   * The endpoint.
   *
   * @param manager the application's manager
   * @param properties {@code think-queue.actuator.*}
   * @param environment for the workers' queues, shown when {@code think-queue.actuator.queues} is
   *     not set
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  public ThinkQueueEndpoint thinkQueueEndpoint(
      QueueManager manager, ThinkQueueActuatorProperties properties, Environment environment) {
    return new ThinkQueueEndpoint(
        manager, new KnownQueues(properties, environment), properties.isShowPayloads());
  }
}
