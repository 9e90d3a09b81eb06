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

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.thinkqueue.WireFormat;

/**
 * The think-queue.* properties. A bare number for a duration means seconds, as in think-queue's PHP
 * config (retry-after: 90); 500ms or PT1M work too.
 *
 * @param defaultConnection the connection pushes use when they name none; by default the one named
 *     default, else the only one
 * @param defaultQueue the queue used when a push or worker names none
 * @param maxPayloadBytes the largest payload a push accepts, in UTF-8 bytes (at least 1024)
 * @param checkJobNamesOnPush whether a push of a job name no handler is registered for fails at
 *     once; turn off in an application that pushes jobs for PHP workers or other services
 * @param aliases job names as PHP pushes them (keys, e.g. [app\\job\\SendMail]) mapped to the Java
 *     job names they stand for
 * @param connections named connections; with none, one named default: JDBC on the application's
 *     single DataSource, else in memory
 * @param failed where jobs that failed for good are recorded
 * @param worker the worker; the defaults of every entry of workers
 * @param workers named workers; when there are any, they replace the one of worker
 */
@ConfigurationProperties("think-queue")
public record ThinkQueueProperties(
    String defaultConnection,
    @DefaultValue("default") String defaultQueue,
    @DefaultValue("524288") int maxPayloadBytes,
    @DefaultValue("true") boolean checkJobNamesOnPush,
    Map<String, String> aliases,
    Map<String, Connection> connections,
    @DefaultValue Failed failed,
    @DefaultValue Worker worker,
    Map<String, NamedWorker> workers) {

  /** The prefix of every property here. */
  public static final String PREFIX = "think-queue";

  /**
   * Binds the properties; a missing map is empty.
   *
   * @param defaultConnection see the record's description
   * @param defaultQueue see the record's description
   * @param maxPayloadBytes see the record's description
   * @param checkJobNamesOnPush see the record's description
   * @param aliases see the record's description
   * @param connections see the record's description
   * @param failed see the record's description
   * @param worker see the record's description
   * @param workers see the record's description
   */
  public ThinkQueueProperties {
    aliases = aliases == null ? Map.of() : aliases;
    connections = connections == null ? Map.of() : connections;
    workers = workers == null ? Map.of() : workers;
  }

  /** What a connection's type names. */
  public enum ConnectionType {
    /** A database table on a DataSource (queue-jdbc). */
    JDBC,
    /** A Redis server (queue-redis). */
    REDIS,
    /** Runs each job at once on the pushing thread, as think-queue's sync. */
    SYNC,
    /** In this JVM's memory: for tests and development; jobs are lost at restart. */
    MEMORY
  }

  /** When a JDBC connection creates its tables, as spring.quartz.jdbc.initialize-schema. */
  public enum InitializeSchema {
    /** Always run the DDL (CREATE TABLE IF NOT EXISTS). */
    ALWAYS,
    /** Only on an embedded (in-memory) database: H2, HSQLDB, Derby. */
    EMBEDDED,
    /** Never: the tables come from a migration tool (the DDL is in queue-jdbc's resources). */
    NEVER
  }

  /** What think-queue.failed.type names. */
  public enum FailedType {
    /** The store of the connection think-queue.failed.connection, or the default's. */
    CONNECTION,
    /** In this JVM's memory, lost at restart. */
    MEMORY,
    /** Not kept: a failed job is logged at WARN (id, name, queue; never its data) and dropped. */
    NONE
  }

  /**
   * One connection, as an entry of think-queue's connections config.
   *
   * @param type jdbc, redis, sync or memory
   * @param wireFormat the think-queue generation the tables, keys and payloads follow: V3
   *     (think-queue 3.x, ThinkPHP 6/8) or V1 (1.x/2.x)
   * @param retryAfter the reservation timeout: a job reserved this long without finishing is given
   *     to another worker (whole seconds, at least 2)
   * @param deferUntilCommit redis and memory: a push inside a Spring transaction is sent after it
   *     commits (and dropped if it rolls back); false sends it at once. JDBC pushes join the
   *     transaction instead
   * @param dataSource jdbc: the name of the DataSource bean; by default the application's only (or
   *     primary) one
   * @param table jdbc: the jobs table, without prefix
   * @param failedTable jdbc: the failed-jobs table, without prefix
   * @param restartTable jdbc: the table of the restart signal, without prefix
   * @param prefix jdbc: the table prefix (ThinkPHP's database prefix); redis: the prefix of the
   *     restart key (the PHP application's cache prefix)
   * @param initializeSchema jdbc: when to create the tables: always, embedded (an in-memory
   *     database only) or never
   * @param listenNotify jdbc on PostgreSQL: wake idle workers with LISTEN/NOTIFY
   * @param url redis: redis://[user:password@]host:port/db or rediss://; without it, the server of
   *     spring.data.redis.*
   * @param blockFor redis: the longest one blocking wait for a job lasts
   * @param poolSize redis: connections in the pool
   * @param checkEviction redis: WARN at start when maxmemory-policy is not {@code noeviction}
   */
  public record Connection(
      ConnectionType type,
      @DefaultValue("V3") WireFormat wireFormat,
      @DefaultValue("60") @DurationUnit(ChronoUnit.SECONDS) Duration retryAfter,
      @DefaultValue("true") boolean deferUntilCommit,
      String dataSource,
      @DefaultValue("jobs") String table,
      @DefaultValue("failed_jobs") String failedTable,
      @DefaultValue("queue_restart") String restartTable,
      String prefix,
      @DefaultValue("embedded") InitializeSchema initializeSchema,
      @DefaultValue("true") boolean listenNotify,
      String url,
      @DefaultValue("1") @DurationUnit(ChronoUnit.SECONDS) Duration blockFor,
      @DefaultValue("16") int poolSize,
      @DefaultValue("true") boolean checkEviction) {

    /**
     * The settings of a connection given only a type: the defaults of every other property.
     *
     * @param type the type
     * @return the connection's settings
     */
    public static Connection ofType(ConnectionType type) {
      return new Connection(
          type,
          WireFormat.V3,
          Duration.ofSeconds(60),
          true,
          null,
          "jobs",
          "failed_jobs",
          "queue_restart",
          null,
          InitializeSchema.EMBEDDED,
          true,
          null,
          Duration.ofSeconds(1),
          16,
          true);
    }
  }

  /**
   * Where jobs that failed for good are kept.
   *
   * @param type connection (the store of a connection: a JDBC connection's failed-jobs table, a
   *     Redis connection's list), memory or none
   * @param connection with type connection: the connection whose store; by default the default
   *     connection's (or, when that one keeps failures only in memory, the first persistent one)
   */
  public record Failed(@DefaultValue("connection") FailedType type, String connection) {}

  /**
   * The worker, and the defaults of named workers.
   *
   * @param enabled whether this application runs workers at all: false on nodes that only push (web
   *     nodes sharing the jar with worker nodes)
   * @param connection the connection to work; by default the default connection
   * @param queues the queues, in priority order; by default the default queue
   * @param threads jobs run at once (1 to 1024)
   * @param tries attempts before a throwing job fails for good (0 = retry forever); a payload's
   *     maxTries wins
   * @param backoff release delays after an exception, per attempt (the last repeats); by default
   *     exponential from 1 s to 5 min with jitter; 0 releases at once as PHP does
   * @param sleep how long an idle worker waits before polling again (wake-ups cut it short)
   * @param timeout the longest a job may run (0 = no limit); a payload's timeout wins
   * @param timeoutGrace how long a job may ignore the timeout's interrupt before it is given up
   * @param stopGrace at shutdown, how long running jobs may take to finish before they are released
   *     to the queue; capped by spring.lifecycle.timeout-per-shutdown-phase
   * @param memoryLimitMb stop when the heap in use after GC reaches this many MB (0 = off)
   * @param maxPayloadReadBytes the largest payload the worker decodes; a bigger one fails for good
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      String connection,
      List<String> queues,
      @DefaultValue("1") int threads,
      @DefaultValue("3") int tries,
      @DurationUnit(ChronoUnit.SECONDS) List<Duration> backoff,
      @DefaultValue("3") @DurationUnit(ChronoUnit.SECONDS) Duration sleep,
      @DefaultValue("60") @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
      @DefaultValue("10") @DurationUnit(ChronoUnit.SECONDS) Duration timeoutGrace,
      @DefaultValue("30") @DurationUnit(ChronoUnit.SECONDS) Duration stopGrace,
      @DefaultValue("0") int memoryLimitMb,
      @DefaultValue("16777216") int maxPayloadReadBytes) {

    /**
     * Binds the worker's settings; missing lists are empty.
     *
     * @param enabled see the record's description
     * @param connection see the record's description
     * @param queues see the record's description
     * @param threads see the record's description
     * @param tries see the record's description
     * @param backoff see the record's description
     * @param sleep see the record's description
     * @param timeout see the record's description
     * @param timeoutGrace see the record's description
     * @param stopGrace see the record's description
     * @param memoryLimitMb see the record's description
     * @param maxPayloadReadBytes see the record's description
     */
    public Worker {
      queues = queues == null ? List.of() : queues;
      backoff = backoff == null ? List.of() : backoff;
    }
  }

  /**
   * A named worker (think-queue.workers.NAME.*); what it leaves unset comes from
   * think-queue.worker.*.
   *
   * @param enabled false to not run this worker
   * @param connection the connection to work
   * @param queues the queues, in priority order
   * @param threads jobs run at once
   * @param tries attempts before a throwing job fails for good
   * @param backoff release delays after an exception, per attempt
   * @param sleep idle wait
   * @param timeout the longest a job may run
   * @param timeoutGrace how long a job may ignore the timeout's interrupt
   * @param stopGrace at shutdown, how long running jobs may take to finish
   * @param memoryLimitMb heap limit in MB (0 = off)
   * @param maxPayloadReadBytes the largest payload the worker decodes
   */
  public record NamedWorker(
      Boolean enabled,
      String connection,
      List<String> queues,
      Integer threads,
      Integer tries,
      @DurationUnit(ChronoUnit.SECONDS) List<Duration> backoff,
      @DurationUnit(ChronoUnit.SECONDS) Duration sleep,
      @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
      @DurationUnit(ChronoUnit.SECONDS) Duration timeoutGrace,
      @DurationUnit(ChronoUnit.SECONDS) Duration stopGrace,
      Integer memoryLimitMb,
      Integer maxPayloadReadBytes) {}
}
