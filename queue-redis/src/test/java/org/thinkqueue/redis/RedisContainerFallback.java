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
package org.thinkqueue.redis;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.ServiceFallback;
import org.thinkqueue.testkit.ServiceUnavailableException;

/**
 * Starts Redis in a container when nothing answers on the default address and Docker does.
 * Registered in {@code META-INF/services}; the service lookup calls it at most once per JVM. The
 * container lives until the JVM exits (Testcontainers' reaper, or the shutdown hook where the
 * reaper is off).
 */
public final class RedisContainerFallback implements ServiceFallback {

  static final DockerImageName IMAGE = DockerImageName.parse("redis:7-alpine");

  @Override
  public Optional<String> start(Service service) {
    if (service != Service.REDIS) {
      return Optional.empty();
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new ServiceUnavailableException("Docker is not available");
    }
    GenericContainer<?> redis =
        new GenericContainer<>(IMAGE).withExposedPorts(6379).waitingFor(Wait.forListeningPort());
    redis.start();
    Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "redis-container-stop"));
    return Optional.of("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379) + "/0");
  }

  @Override
  public String name() {
    return "Testcontainers";
  }
}
