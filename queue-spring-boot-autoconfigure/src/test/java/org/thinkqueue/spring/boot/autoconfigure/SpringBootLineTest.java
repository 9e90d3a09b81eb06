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

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * The tests run on the Spring Boot line their module is for (3.5 here, 4.0 in
 * queue-spring-boot4-it).
 */
class SpringBootLineTest {
  @Test
  void runsOnTheExpectedSpringBootLine() {
    String expected = System.getProperty("expected.spring-boot.line");
    assertThat(expected).as("system property expected.spring-boot.line").isNotBlank();
    assertThat(SpringBootVersion.getVersion()).startsWith(expected);
  }
}
