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
package org.thinkqueue.jdbc;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.ServiceFallback;
import org.thinkqueue.testkit.ServiceUnavailableException;

/**
 * Starts PostgreSQL or MariaDB in a container, configured like the machine's own servers (trust
 * auth or a root without password, database {@code test}), when nothing answers on the default
 * address and Docker does. Registered in {@code META-INF/services}; called at most once per service
 * per JVM.
 *
 * <p>Plain images through {@link GenericContainer} rather than the database modules keep the test
 * class path small. Both images open their TCP port only after initialisation, so a listening port
 * means ready.
 */
public final class DatabaseContainerFallback implements ServiceFallback {

  static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:15-alpine");
  static final DockerImageName MARIADB_IMAGE = DockerImageName.parse("mariadb:10.11");

  @Override
  public Optional<String> start(Service service) {
    if (service != Service.POSTGRES && service != Service.MARIADB) {
      return Optional.empty();
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new ServiceUnavailableException("Docker is not available");
    }
    return Optional.of(service == Service.POSTGRES ? startPostgres() : startMariaDb());
  }

  private static String startPostgres() {
    GenericContainer<?> db =
        new GenericContainer<>(POSTGRES_IMAGE)
            .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
            .withEnv("POSTGRES_DB", "test")
            .withExposedPorts(5432)
            .waitingFor(Wait.forListeningPort());
    start(db);
    return "jdbc:postgresql://"
        + db.getHost()
        + ":"
        + db.getMappedPort(5432)
        + "/test?user=postgres";
  }

  private static String startMariaDb() {
    GenericContainer<?> db =
        new GenericContainer<>(MARIADB_IMAGE)
            .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
            .withEnv("MARIADB_DATABASE", "test")
            .withExposedPorts(3306)
            .waitingFor(Wait.forListeningPort());
    start(db);
    return "jdbc:mariadb://" + db.getHost() + ":" + db.getMappedPort(3306) + "/test?user=root";
  }

  private static void start(GenericContainer<?> container) {
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "database-container-stop"));
  }

  @Override
  public String name() {
    return "Testcontainers";
  }
}
