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

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;

/**
 * A whole application as a user writes it: the auto-configuration found through its imports file,
 * the DataSource from Spring Boot's own auto-configuration (whichever line's), only properties and
 * a handler bean.
 */
class FullApplicationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    TestApps.EchoJob echoJob() {
      return new TestApps.EchoJob();
    }
  }

  @Test
  void aFreshApplicationWithOnlyTheDependencyAndADataSourceWorksJobs() throws Exception {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=jdbc:h2:mem:" + TestApps.unique("hbapp"),
                "spring.main.banner-mode=off")
            .run()) {
      QueueManager queues = context.getBean(QueueManager.class);
      assertThat(queues.connection().connector()).isInstanceOf(JdbcConnector.class);
      queues.push(TestApps.EchoJob.class, Map.of("app", "full"));
      assertThat(context.getBean(TestApps.EchoJob.class).next()).containsEntry("app", "full");
    }
  }
}
