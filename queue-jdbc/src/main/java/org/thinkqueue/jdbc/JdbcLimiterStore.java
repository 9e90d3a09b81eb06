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

import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.jdbc.internal.ConnectionSource;
import org.thinkqueue.jdbc.internal.DialectDetector;
import org.thinkqueue.jdbc.internal.LimiterSql;
import org.thinkqueue.jdbc.internal.TableName;
import org.thinkqueue.jdbc.internal.Transactions;
import org.thinkqueue.limit.Gcra;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateDecision;
import org.thinkqueue.limit.RateLimit;

/**
 * Rate and concurrency limits in the database (PostgreSQL, MariaDB/MySQL, H2), shared by every
 * worker on it, on the database's clock, so workers whose clocks differ agree. Two tables, created
 * by the DDL in {@code org/thinkqueue/jdbc/schema/limits-<database>.sql}:
 *
 * <ul>
 *   <li>{@code queue_limits} ({@code limit_key, tat_us, turn_us}): one row per limit key, with the
 *       rate's state (the generic cell rate algorithm of {@link Gcra}). A request locks the row
 *       ({@code SELECT ... FOR UPDATE}), reads the clock, and updates the row, in one transaction.
 *   <li>{@code queue_leases} ({@code limit_key, token, expires_us}): one row per concurrency lease.
 *       Taking one locks the key's row, deletes the key's expired leases, counts the others and
 *       inserts, in one transaction; renewing is one conditional {@code UPDATE}.
 * </ul>
 *
 * <p>Rows of keys that have been idle for a while and expired leases are deleted now and then
 * ({@link #purgeIdle()}, also run every few thousand operations). Connections are treated as {@link
 * JdbcConnector} describes; a store of a connector shares what it learned of the data source. Store
 * failures are {@link org.thinkqueue.ConnectionException}s or {@link QueueDataException}s naming
 * the table, never the key (it may be made of job data). Thread-safe.
 */
public final class JdbcLimiterStore implements LimiterStore {
  /** The default name of the limit table (after the prefix). */
  public static final String DEFAULT_LIMIT_TABLE = "queue_limits";

  /** The default name of the lease table (after the prefix). */
  public static final String DEFAULT_LEASE_TABLE = "queue_leases";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcLimiterStore.class);
  private static final int PURGE_EVERY = 4096;

  private final ConnectionSource source;
  private final LimiterSql sql;
  private final String limits;
  private final String leases;
  private final AtomicInteger operations = new AtomicInteger();

  private JdbcLimiterStore(ConnectionSource source, LimiterSql sql, String limits, String leases) {
    this.source = source;
    this.sql = sql;
    this.limits = limits;
    this.leases = leases;
  }

  /**
   * A store on a connector's data source, with its prefix.
   *
   * @param connector the connector
   * @return a builder
   * @throws ConfigurationException if {@code connector} is null
   */
  public static Builder builder(JdbcConnector connector) {
    if (connector == null) {
      throw new ConfigurationException("connector", null, "a JdbcConnector");
    }
    return new Builder(connector, null);
  }

  /**
   * A store on a data source; {@link Builder#build()} takes one connection to detect the database
   * (build it outside any transaction on the data source).
   *
   * @param dataSource the caller's data source
   * @return a builder
   * @throws ConfigurationException if {@code dataSource} is null
   */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new ConfigurationException("dataSource", null, "a DataSource");
    }
    return new Builder(null, dataSource);
  }

  @Override
  public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
    LimiterStore.requireKey(key);
    Objects.requireNonNull(limit, "limit");
    long max = LimiterStore.maxDelayMicros(maxDelay);
    RateDecision decision =
        onKeyRow(
            key,
            "take a rate permit in " + limits,
            c -> {
              long[] row = sql.lockKey(c, key);
              if (row == null) {
                return null;
              }
              Gcra.Step step = Gcra.step(limit, row[0], row[1], sql.now(c), max);
              sql.updateKey(c, key, step.tat(), step.turn());
              return step.decision();
            });
    purgeNowAndThen();
    return decision;
  }

  @Override
  public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireMaxLeases(maxLeases);
    long lease = LimiterStore.leaseMicros(leaseTime);
    String token = UUID.randomUUID().toString();
    Optional<String> taken =
        onKeyRow(
            key,
            "take a concurrency lease in " + leases,
            c -> {
              if (sql.lockKey(c, key) == null) {
                return null;
              }
              long now = sql.now(c);
              if (sql.liveLeases(c, key, now) >= maxLeases) {
                return Optional.<String>empty();
              }
              sql.insertLease(c, key, token, now + lease);
              return Optional.of(token);
            });
    purgeNowAndThen();
    return taken;
  }

  @Override
  public boolean renewLease(String key, String token, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    long lease = LimiterStore.leaseMicros(leaseTime);
    return Transactions.autoCommit(
        source,
        "renew a concurrency lease in " + leases,
        c -> sql.renewLease(c, key, token, lease));
  }

  @Override
  public void releaseLease(String key, String token) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    Transactions.autoCommit(
        source,
        "release a concurrency lease in " + leases,
        c -> {
          sql.deleteLease(c, key, token);
          return null;
        });
  }

  /**
   * Deletes expired leases, and the rows of keys whose rate state has run out and that hold no
   * lease (such a row means the same as none). Safe at any time; the store runs it every few
   * thousand operations.
   *
   * @return how many rows were deleted
   */
  public int purgeIdle() {
    return Transactions.autoCommit(
        source, "purge idle limits in " + limits + " and " + leases, sql::purgeIdle);
  }

  /** {@return the limit table's name, prefix included} */
  public String limitTable() {
    return limits;
  }

  /** {@return the lease table's name, prefix included} */
  public String leaseTable() {
    return leases;
  }

  /**
   * Runs {@code work} in one transaction that starts by locking the key's row; {@code work} returns
   * null when the row is missing, which is then added (on its own, so two adders cannot deadlock)
   * before trying again.
   */
  private <T> T onKeyRow(String key, String what, Transactions.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      T result = Transactions.inTransaction(source, what, work);
      if (result != null) {
        return result;
      }
      if (attempt == 5) {
        // purgeIdle deleting the row each time between the insert and the lock: not credible.
        throw new QueueDataException(
            "Database failed to " + what + ": the key's row in " + limits + " keeps vanishing",
            null);
      }
      Transactions.autoCommit(
          source,
          "add a limit key to " + limits,
          c -> {
            sql.insertKey(c, key);
            return null;
          });
    }
  }

  private void purgeNowAndThen() {
    if (operations.incrementAndGet() % PURGE_EVERY != 0) {
      return;
    }
    try {
      int n = purgeIdle();
      LOG.debug("Purged {} idle rows from {} and {}", n, limits, leases);
    } catch (RuntimeException e) {
      LOG.debug("Could not purge idle limits; trying again later", e);
    }
  }

  /** Names the tables; no URL or credentials. */
  @Override
  public String toString() {
    return "JdbcLimiterStore{limitTable=" + limits + ", leaseTable=" + leases + "}";
  }

  /** Settings of a {@link JdbcLimiterStore}. Not thread-safe. */
  public static final class Builder {
    private final JdbcConnector connector;
    private final DataSource dataSource;
    private Dialect dialect;
    private String prefix;
    private String limitTable = DEFAULT_LIMIT_TABLE;
    private String leaseTable = DEFAULT_LEASE_TABLE;
    private boolean createSchema;

    private Builder(JdbcConnector connector, DataSource dataSource) {
      this.connector = connector;
      this.dataSource = dataSource;
    }

    /**
     * Overrides detection from the database's metadata (a store on a data source only; a
     * connector's store uses the connector's).
     *
     * @param dialect the database, or null to detect it
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /**
     * @param prefix the table prefix (default: the connector's, or none)
     * @return this builder
     * @throws ConfigurationException if the prefix is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null || prefix.isEmpty() ? "" : TableName.require("prefix", prefix);
      return this;
    }

    /**
     * @param table the limit table (default {@value #DEFAULT_LIMIT_TABLE})
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder limitTable(String table) {
      this.limitTable = TableName.require("limitTable", table);
      return this;
    }

    /**
     * @param table the lease table (default {@value #DEFAULT_LEASE_TABLE})
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder leaseTable(String table) {
      this.leaseTable = TableName.require("leaseTable", table);
      return this;
    }

    /**
     * @param create run the DDL ({@code CREATE TABLE IF NOT EXISTS}) at build time (default false)
     * @return this builder
     */
    public Builder createSchemaIfMissing(boolean create) {
      this.createSchema = create;
      return this;
    }

    /**
     * Detects the database (or takes the connector's), optionally creates the tables, and checks
     * that both exist.
     *
     * @return the store
     * @throws ConfigurationException naming a missing table and the DDL resource that creates it, a
     *     name too long with its prefix, or an unsupported database
     * @throws org.thinkqueue.ConnectionException if the database cannot be reached
     */
    public JdbcLimiterStore build() {
      String p = prefix != null ? prefix : connector != null ? connector.prefix() : "";
      String limits = p + limitTable;
      String leases = p + leaseTable;
      if (limits.length() > 64 || leases.length() > 64) {
        throw new ConfigurationException(
            "prefix", p, "prefix and table name together must fit in 64 chars");
      }
      ConnectionSource source;
      Dialect d;
      if (connector != null) {
        source = connector.connectionSource();
        d = connector.dialectSelector();
      } else {
        Probe probe =
            Transactions.withRetry(
                "read the database metadata",
                () -> {
                  try (Connection c = Transactions.connect(dataSource)) {
                    return new Probe(
                        dialect != null
                            ? dialect
                            : DialectDetector.detect(c.getMetaData()).selector(),
                        ConnectionSource.learnedFrom(dataSource, c));
                  }
                });
        d = probe.dialect();
        source = probe.source();
      }
      LimiterSql sql = new LimiterSql(d, limits, leases);
      if (createSchema) {
        sql.createTables(source);
      }
      sql.checkTables(source);
      sql.prepare(source);
      return new JdbcLimiterStore(source, sql, limits, leases);
    }

    /** What the first connection told: the database, and whether the pool auto-commits. */
    private record Probe(Dialect dialect, ConnectionSource source) {}
  }
}
