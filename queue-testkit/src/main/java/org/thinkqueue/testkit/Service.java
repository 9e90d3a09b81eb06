package org.thinkqueue.testkit;

/**
 * A server that integration tests need, with the environment variable that overrides its address and the
 * loopback default used when the variable is unset.
 */
public enum Service {
  REDIS("Redis", "QUEUE_REDIS_URL", "redis://127.0.0.1:6379/0", 6379),
  POSTGRES("PostgreSQL", "QUEUE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 5432),
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

  /** Human name used in skip and failure messages, e.g. {@code PostgreSQL}. */
  public String displayName() {
    return displayName;
  }

  /** Environment variable whose value, when set and not blank, replaces {@link #defaultUrl()}. */
  public String envVar() {
    return envVar;
  }

  /** Loopback address used when {@link #envVar()} is unset; matches {@code shared/services.md}. */
  public String defaultUrl() {
    return defaultUrl;
  }

  /** Port assumed when a URL names no port. */
  public int defaultPort() {
    return defaultPort;
  }
}
