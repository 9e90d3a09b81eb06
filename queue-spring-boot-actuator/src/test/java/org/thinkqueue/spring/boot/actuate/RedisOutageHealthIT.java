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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.thinkqueue.QueueManager;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spring.boot.actuate.ThinkQueueEndpoint.ConnectionDescriptor;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueEndpointAutoConfiguration;
import org.thinkqueue.spring.boot.actuate.autoconfigure.ThinkQueueHealthContributorAutoConfiguration;
import org.thinkqueue.testkit.ServiceLookup;
import redis.clients.jedis.RedisClient;

/**
 * A Redis connection whose server goes away: its component turns DOWN with the error, and neither
 * the health details nor the endpoint show the password of its URI. The server is a redis-server of
 * the test's own with a password (never the shared 6379), stopped mid-test.
 */
class RedisOutageHealthIT {
  private static final String PASSWORD = "ha-s3cret-pw";

  private Process server;
  private Path dir;
  private QueueManager manager;

  @AfterEach
  void tearDown() throws IOException {
    if (manager != null) {
      manager.close();
    }
    if (server != null) {
      server.destroyForcibly();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void anUnreachableRedisIsDownWithTheErrorAndNoPassword() throws Exception {
    int port = startServer();
    manager =
        QueueManager.builder()
            .connection(
                "redis",
                RedisConnector.builder()
                    .uri("redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0")
                    .timeout(Duration.ofSeconds(1))
                    .build())
            .defaultQueue("ha-default")
            .build();
    manager.push("HaJob", "x");

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ThinkQueueHealthContributorAutoConfiguration.class,
                ThinkQueueEndpointAutoConfiguration.class))
        .withBean(QueueManager.class, () -> manager)
        .withPropertyValues("management.endpoints.web.exposure.include=thinkqueue")
        .run(
            context -> {
              HealthIndicator redis =
                  (HealthIndicator)
                      context
                          .getBean("thinkQueueHealthContributor", CompositeHealthContributor.class)
                          .getContributor("redis");
              assertThat(redis.health().getStatus()).isEqualTo(Status.UP);
              assertThat(redis.health().getDetails())
                  .isEqualTo(
                      Map.of(
                          "queues",
                          Map.of(
                              "ha-default",
                              Map.of("ready", 1L, "delayed", 0L, "reserved", 0L, "total", 1L))));

              server.destroyForcibly();
              assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();

              Health down = redis.health();
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);
              assertThat(down.getDetails()).containsEntry("transient", true);
              assertThat((String) down.getDetails().get("error"))
                  .startsWith("org.thinkqueue.ConnectionException: ");
              assertThat(down.toString()).doesNotContain(PASSWORD);

              ConnectionDescriptor viaEndpoint =
                  context.getBean(ThinkQueueEndpoint.class).queues().connections().get("redis");
              assertThat(viaEndpoint.error()).startsWith("org.thinkqueue.ConnectionException: ");
              assertThat(viaEndpoint.toString()).doesNotContain(PASSWORD);
            });
  }

  private int startServer() throws IOException {
    String binary = onPath("redis-server");
    if (binary == null) {
      String reason = "redis-server is not on the PATH: cannot start a Redis of the test's own";
      if (ServiceLookup.shared().ci()) {
        Assertions.fail(reason + " (failing because CI=true)");
      }
      Assumptions.abort(reason);
    }
    dir = Files.createTempDirectory("ha-redis");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    server =
        new ProcessBuilder(
                binary,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                PASSWORD,
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> answers(port));
    return port;
  }

  private boolean answers(int port) {
    if (!server.isAlive()) {
      throw new IllegalStateException("redis-server exited");
    }
    try (RedisClient c = RedisClient.create("redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0")) {
      return "PONG".equals(c.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    for (String d : path == null ? List.<String>of() : List.of(path.split(File.pathSeparator))) {
      File f = new File(d, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
