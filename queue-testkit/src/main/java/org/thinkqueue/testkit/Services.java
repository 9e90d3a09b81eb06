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
package org.thinkqueue.testkit;

import java.net.URI;

/**
 * Addresses of the servers integration tests use, resolved by {@link ServiceLookup#shared()}
 * (environment variable, else loopback default, else a fallback such as Testcontainers). Use
 * together with {@link RequiresService}, which makes sure the server answers before the test runs;
 * these methods only say where it is.
 */
public final class Services {

  private Services() {}

  /**
   * URL of {@code service}, e.g. {@code redis://127.0.0.1:6379/0}. The first call for a service may
   * start a fallback, like the check of {@link RequiresService}.
   *
   * @param service the server the test needs
   * @return its URL as configured, credentials included (do not print it)
   */
  public static String url(Service service) {
    return ServiceLookup.shared().resolve(service).address().url();
  }

  /**
   * Redis URI from {@code QUEUE_REDIS_URL}, default {@code redis://127.0.0.1:6379/0}.
   *
   * @return the URI of {@link Service#REDIS}
   */
  public static URI redisUri() {
    return URI.create(url(Service.REDIS));
  }

  /**
   * PostgreSQL JDBC URL from {@code QUEUE_PG_URL}, default {@code
   * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
   *
   * @return the JDBC URL of {@link Service#POSTGRES}
   */
  public static String postgresJdbcUrl() {
    return url(Service.POSTGRES);
  }

  /**
   * MariaDB JDBC URL from {@code QUEUE_MYSQL_URL}, default {@code
   * jdbc:mariadb://127.0.0.1:3306/test?user=root}.
   *
   * @return the JDBC URL of {@link Service#MARIADB}
   */
  public static String mariaDbJdbcUrl() {
    return url(Service.MARIADB);
  }
}
