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

/**
 * A server that integration tests need, with the environment variable that overrides its address
 * and the loopback default used when the variable is unset.
 */
public enum Service {
  /** Redis, at {@code QUEUE_REDIS_URL}. */
  REDIS("Redis", "QUEUE_REDIS_URL", "redis://127.0.0.1:6379/0", 6379),
  /** PostgreSQL, at {@code QUEUE_PG_URL}. */
  POSTGRES(
      "PostgreSQL", "QUEUE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 5432),
  /**
   * MariaDB, at {@code QUEUE_MYSQL_URL}: the stand-in for MySQL, the database of think-queue's
   * database driver.
   */
  MARIADB("MariaDB", "QUEUE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root", 3306);

  private final String displayName;
  private final String envVar;
  private final String defaultUrl;
  private final int defaultPort;

  Service(String displayName, String envVar, String defaultUrl, int defaultPort) {
    this.displayName = displayName;
    this.envVar = envVar;
    this.defaultUrl = defaultUrl;
    this.defaultPort = defaultPort;
  }

  /**
   * Human name used in skip and failure messages, e.g. {@code PostgreSQL}.
   *
   * @return the server's name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Environment variable whose value, when set and not blank, replaces {@link #defaultUrl()}.
   *
   * @return the variable's name, e.g. {@code QUEUE_REDIS_URL}
   */
  public String envVar() {
    return envVar;
  }

  /**
   * Loopback address used when {@link #envVar()} is unset; matches {@code shared/services.md}.
   *
   * @return a URL in the form the driver's tests expect (a Redis URI or a JDBC URL)
   */
  public String defaultUrl() {
    return defaultUrl;
  }

  /**
   * Port assumed when a URL names no port.
   *
   * @return the server's standard port
   */
  public int defaultPort() {
    return defaultPort;
  }
}
