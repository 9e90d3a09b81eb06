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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Spring Boot 3.5's health contributor for think-queue: a composite with one indicator per
 * component of a {@link QueueHealthCheck} (each connection, then the failed jobs). Registered as
 * {@code thinkQueue} by the auto-configuration.
 */
public final class ThinkQueueHealthContributors {
  private ThinkQueueHealthContributors() {}

  /**
   * The composite contributor of a health check.
   *
   * @param check the check
   * @return a composite with one indicator per component, in the check's order
   */
  public static CompositeHealthContributor of(QueueHealthCheck check) {
    Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
    check.components().forEach((name, component) -> indicators.put(name, indicator(component)));
    return CompositeHealthContributor.fromMap(indicators);
  }

  private static HealthIndicator indicator(Supplier<QueueHealthCheck.Result> component) {
    return () -> {
      QueueHealthCheck.Result result = component.get();
      return Health.status(result.state().name()).withDetails(result.details()).build();
    };
  }
}
