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
package org.thinkqueue.examples.spring;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seed's registration scenario as a Spring Boot application. Run as is, it registers a few
 * users (two of them rolled back), lets the worker run the side effects, prints a summary and
 * exits; with {@code --server} it then keeps running with the web server on (POST /users,
 * /actuator/health, /actuator/metrics, /actuator/thinkqueue).
 */
@SpringBootApplication
@EnableConfigurationProperties(ExampleProperties.class)
public class ExamplesSpringApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments ({@code --spring.profiles.active=postgres}, {@code
   *     --server.port=8081}) and {@code --server} to keep running after the demo
   */
  public static void main(String[] args) {
    boolean server = Arrays.asList(args).contains("--server");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ExamplesSpringApplication.class)
            .web(server ? WebApplicationType.SERVLET : WebApplicationType.NONE)
            .run(args);
    if (!server) {
      // The exit code is the demo's (ExitCodeGenerator): 0 when every side effect happened once.
      System.exit(SpringApplication.exit(context));
    }
  }
}
