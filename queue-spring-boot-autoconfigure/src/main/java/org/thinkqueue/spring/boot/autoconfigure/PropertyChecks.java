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

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.thinkqueue.ConfigurationException;

/**
 * Applies one property to a builder; a value the builder refuses fails the start with Spring Boot's
 * "Invalid value ... for configuration property ..." report, naming the property.
 */
final class PropertyChecks {
  private PropertyChecks() {}

  static void apply(String property, Object value, Runnable setter) {
    try {
      setter.run();
    } catch (ConfigurationException | IllegalArgumentException e) {
      throw invalid(property, value, e.getMessage());
    }
  }

  static InvalidConfigurationPropertyValueException invalid(
      String property, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(property, value, reason);
  }
}
