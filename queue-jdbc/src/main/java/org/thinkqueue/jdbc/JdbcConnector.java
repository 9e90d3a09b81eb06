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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.internal.BatchedDeletes;
import org.thinkqueue.jdbc.internal.ConnectionSource;
import org.thinkqueue.jdbc.internal.DialectDetector;
import org.thinkqueue.jdbc.internal.DueTime;
import org.thinkqueue.jdbc.internal.JdbcDialect;
import org.thinkqueue.jdbc.internal.JdbcReservedJob;
import org.thinkqueue.jdbc.internal.JobRescheduler;
import org.thinkqueue.jdbc.internal.JobTable;
import org.thinkqueue.jdbc.internal.LocalWake;
import org.thinkqueue.jdbc.internal.MultiRowInsert;
import org.thinkqueue.jdbc.internal.Reservation;
import org.thinkqueue.jdbc.internal.RestartTable;
import org.thinkqueue.jdbc.internal.SchemaInstaller;
import org.thinkqueue.jdbc.internal.SqlErrors;
import org.thinkqueue.jdbc.internal.TableLayout;
import org.thinkqueue.jdbc.internal.TableName;
import org.thinkqueue.jdbc.internal.Transactions;
import org.thinkqueue.jdbc.internal.UniqueTable;
import org.thinkqueue.jdbc.internal.WorkWaiter;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.Reschedules;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.spi.RetryAfter;
import org.thinkqueue.spi.TransactionalPush;
import org.thinkqueue.spi.TransactionalUniquePush;

/**
 * The database driver: think-queue's {@code jobs} table for the chosen {@link WireFormat}, on the
 * caller's {@link DataSource} (PostgreSQL, MariaDB/MySQL, H2), so PHP and Java workers can share
 * it.
 *
 * <p>Reservation takes up to N rows in one short transaction with {@code FOR UPDATE SKIP LOCKED}
 * (workers never queue up behind one row lock), counting expired reservations as available again,
 * as think-queue does. Release is delete + insert of a new row in one transaction (think-queue uses
 * two), so a crash between them loses nothing. Times are whole Unix seconds from the database's
 * clock, as PHP writes them. {@link #pushRaw(Connection, String, String, Duration)} writes inside
 * the caller's transaction. On PostgreSQL an idle worker wakes on {@code LISTEN/NOTIFY}; on the
 * others it wakes when a connector of the same JVM pushes to the table; on all it polls for pushes
 * of producers that do not notify (PHP) at least every {@link #MAX_POLL_INTERVAL}. Deadlocks and
 * serialization failures are retried. Unique jobs ({@link TransactionalUniquePush}) keep their keys
 * in {@code <table>_unique}, written in the transaction of the job's insert and delete. A failure
 * to reach the database is a {@link ConnectionException}, a statement the database refused (a value
 * out of range, a constraint) a {@link org.thinkqueue.QueueDataException}. Thread-safe.
 *
 * <p><b>Connections and transactions.</b> The connector never changes the isolation level or
 * read-only flag of a connection, and never commits, rolls back or switches the auto-commit mode of
 * a connection that carries someone else's transaction. {@link Builder#build()} takes one
 * connection to learn whether the data source hands out connections in auto-commit mode (every
 * pool's default); build the connector outside any transaction on the data source.
 *
 * <ul>
 *   <li><b>Auto-commit connections</b> (the default): a connection that arrives with auto-commit
 *       off is a transaction the calling thread runs, as Spring's {@code
 *       TransactionAwareDataSourceProxy} hands out inside a transaction. A push, delayed push or
 *       bulk push runs inside it, once (a deadlock is not retried: only the caller can run its
 *       transaction again), and commits or rolls back with it. A connection that arrives in
 *       auto-commit mode is the connector's own: a reservation or release turns auto-commit off for
 *       its transaction and back on afterwards, whatever happened.
 *   <li><b>A pool without auto-commit</b> (HikariCP {@code autoCommit=false}): every connection is
 *       the connector's own; it commits its work (rolls back on failure) and never switches the
 *       mode. Such a pool gives no sign of the caller's transaction, so a push joins one only
 *       through {@link #pushRaw(Connection, String, String, Duration)} or a {@link
 *       ConnectionJoiner}.
 * </ul>
 *
 * <p>A connection from {@link ConnectionJoiner} or passed to {@link #pushRaw(Connection, String,
 * String, Duration)} is always the caller's: used inside its transaction, never committed, rolled
 * back, closed or switched.
 */
public final class JdbcConnector
    implements Connector,
        AwaitsWork,
        ExtendsReservations,
        TransactionalPush,
        TransactionalUniquePush,
        RestartSignal,
        Reschedules,
        AtomicPush {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcConnector.class);

  /** think-queue's default {@code retry_after}/{@code expire}: {@link RetryAfter#DEFAULT}. */
  public static final Duration DEFAULT_RETRY_AFTER = RetryAfter.DEFAULT;

  /** think-queue's default jobs table. */
  public static final String DEFAULT_TABLE = "jobs";

  /** think-queue's default failed-jobs table. */
  public static final String DEFAULT_FAILED_TABLE = "failed_jobs";

  /** The default table of the restart signal. */
  public static final String DEFAULT_RESTART_TABLE = "queue_restart";

  /**
   * The longest an idle worker goes without looking for jobs that producers which do not notify
   * pushed (PHP's think-queue; on MariaDB and H2 any other process). Pushes through a connector of
   * this JVM on the same data source and table, and on PostgreSQL pushes through any {@code
   * JdbcConnector}, wake it at once.
   */
  public static final Duration MAX_POLL_INTERVAL = WorkWaiter.MAX_POLL_INTERVAL;

  private final DataSource dataSource;
  private final ConnectionSource source;
  private final JdbcDialect dialect;
  private final TableLayout layout;
  private final String failedTable;
  private final Clock clock;

  /** The {@code LISTEN/NOTIFY} channel, or null when pushes do not notify. */
  private final String channel;

  private final Reservation reservation;
  private final WorkWaiter waiter;
  private final LocalWake localWake;
  private final RestartTable restart;
  private final SchemaInstaller schema;
  private final SchemaInstaller uniqueSchema;
  private final UniqueTable uniques;
  private final JobTable jobs;
  private final JobRescheduler rescheduler;
  private final BatchedDeletes deletes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConnectionJoiner joiner;
  private final MultiRowInsert inserts;
  private final String prefix;

  private JdbcConnector(Builder b, JdbcDialect dialect, ConnectionSource source) {
    String table = b.prefix + b.table;
    this.prefix = b.prefix;
    this.dataSource = b.dataSource;
    this.source = source;
    this.joiner = b.joiner;
    this.dialect = dialect;
    this.layout = new TableLayout(b.format, table, b.retryAfter, dialect);
    this.failedTable = b.prefix + b.failedTable;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.channel =
        b.listenNotify && dialect.notifies()
            ? "think_queue_" + table.toLowerCase(Locale.ROOT)
            : null;
    String ddl = dialect.selector().ddlResource(b.format);
    this.reservation = dialect.reservation(source, layout);
    this.localWake = LocalWake.of(dataSource, table);
    this.waiter = dialect.waiter(source, channel, new DueTime(source, layout), localWake);
    this.restart = new RestartTable(source, b.prefix + b.restartTable, layout, ddl);
    this.schema = new SchemaInstaller(source, ddl, table, failedTable, b.prefix + b.restartTable);
    this.uniques = new UniqueTable(source, dialect, table);
    this.uniqueSchema =
        new SchemaInstaller(
            source,
            UniqueTable.ddlResource(dialect.selector()),
            table,
            failedTable,
            b.prefix + b.restartTable);
    this.jobs = new JobTable(source, layout, dialect, channel, uniques);
    this.rescheduler = new JobRescheduler(source, layout, jobs);
    this.deletes = new BatchedDeletes(source, table, dialect, uniques);
    this.inserts = new MultiRowInsert(layout, dialect, channel);
  }

  /**
   * @return a builder with think-queue's defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the database this connector was built for, detected or set
   */
  public Dialect dialect() {
    return dialect.selector();
  }

  /**
   * @return the jobs table name, prefix included
   */
  public String table() {
    return layout.table();
  }

  /**
   * @return the failed-jobs table name, prefix included
   */
  public String failedTable() {
    return failedTable;
  }

  /**
   * @return a failed-job store on this connector's {@code failed_jobs} table
   */
  public JdbcFailedJobStore failedJobStore() {
    return new JdbcFailedJobStore(source, failedTable, dialect.selector());
  }

  /** For stores on this connector's data source: what it learned of it, its dialect, its prefix. */
  ConnectionSource connectionSource() {
    return source;
  }

  Dialect dialectSelector() {
    return dialect.selector();
  }

  String prefix() {
    return prefix;
  }

  /**
   * {@link #failedJobStore()}: the default for a manager whose default connection this is (its
   * table).
   */
  @Override
  public Optional<FailedJobStore> defaultFailedJobStore() {
    return Optional.of(failedJobStore());
  }

  @Override
  public WireFormat wireFormat() {
    return layout.format();
  }

  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return false;
  }

  @Override
  public Duration retryAfter() {
    return layout.retryAfter();
  }

  /** The channel name used for {@code LISTEN/NOTIFY}. */
  Optional<String> channel() {
    return Optional.ofNullable(channel);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    Connection joined = joinedConnection(queue);
    if (joined != null) {
      return pushRaw(joined, queue, payload, delay);
    }
    long seconds = DueTime.delaySeconds(delay, clock);
    String id =
        Transactions.autoCommit(
            source, "push to '" + queue + "'", c -> jobs.insert(c, queue, payload, 0, seconds));
    pushed();
    return id;
  }

  /**
   * {@inheritDoc} The connection's auto-commit mode, isolation and transaction are left as the
   * caller set them.
   *
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public String pushRaw(Connection connection, String queue, String payload, Duration delay) {
    long seconds = DueTime.delaySeconds(delay, clock);
    try {
      if (connection.isClosed()) {
        throw ConnectionException.permanent(
            "Cannot push to '" + queue + "' through a closed JDBC connection", null);
      }
      String id = jobs.insert(connection, queue, payload, 0, seconds);
      // Not visible before the caller commits: idle workers look again now and poll fast for a
      // while.
      pushed();
      return id;
    } catch (SQLException e) {
      throw SqlErrors.translate(
          "Database failed to push to '" + queue + "' in the caller's transaction", e);
    }
  }

  /**
   * {@inheritDoc} The key is a row of {@code <table>_unique}, locked, checked and taken in the
   * transaction that inserts the job (with a {@link ConnectionJoiner} that finds the caller's
   * transaction, in that one); a row whose job no longer exists or whose hold expired is taken
   * over. {@code lockFor} is rounded up to whole seconds of the database's clock.
   *
   * @throws ConfigurationException if the table {@code <table>_unique} does not exist
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public Pushed pushUnique(
      String queue, String payload, Duration delay, String uniqueKey, Duration lockFor) {
    uniques.requireTable();
    Connection joined = joinedConnection(queue);
    if (joined != null) {
      return pushUnique(joined, queue, payload, delay, uniqueKey, lockFor);
    }
    long seconds = DueTime.delaySeconds(delay, clock);
    Pushed pushed =
        Transactions.inTransaction(
            source,
            "push a unique job to '" + queue + "'",
            c ->
                uniques.push(
                    c,
                    queue,
                    uniqueKey,
                    lockFor,
                    () -> jobs.insert(c, queue, payload, 0, seconds)));
    if (pushed.written()) {
      pushed();
    }
    return pushed;
  }

  /**
   * {@inheritDoc} The connection's auto-commit mode, isolation and transaction are left as the
   * caller set them.
   *
   * @throws ConfigurationException if the table {@code <table>_unique} does not exist
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public Pushed pushUnique(
      Connection connection,
      String queue,
      String payload,
      Duration delay,
      String uniqueKey,
      Duration lockFor) {
    uniques.requireTable();
    long seconds = DueTime.delaySeconds(delay, clock);
    try {
      if (connection.isClosed()) {
        throw ConnectionException.permanent(
            "Cannot push to '" + queue + "' through a closed JDBC connection", null);
      }
      Pushed pushed =
          uniques.push(
              connection,
              queue,
              uniqueKey,
              lockFor,
              () -> jobs.insert(connection, queue, payload, 0, seconds));
      if (pushed.written()) {
        pushed();
      }
      return pushed;
    } catch (SQLException e) {
      throw SqlErrors.translate(
          "Database failed to push a unique job to '" + queue + "' in the caller's transaction", e);
    }
  }

  @Override
  public void releaseUnique(String queue, String uniqueKey, String jobId) {
    long id;
    try {
      id = Long.parseLong(jobId);
    } catch (NumberFormatException e) {
      return; // not a row of this table: it holds no key here
    }
    uniques.free(queue, uniqueKey, id);
  }

  /**
   * {@inheritDoc} In chunks, each committed on its own; with a {@link ConnectionJoiner} that finds
   * the caller's transaction, or on a connection the data source hands out inside one, every chunk
   * is written in that transaction and nothing is committed.
   */
  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    Connection joined = joinedConnection(queue);
    List<String> ids = new ArrayList<>(payloads.size());
    int chunkSize = dialect.bulkChunk();
    for (int i = 0; i < payloads.size(); i += chunkSize) {
      List<String> chunk = payloads.subList(i, Math.min(payloads.size(), i + chunkSize));
      ids.addAll(
          joined != null
              ? bulkInCallersTransaction(joined, queue, chunk)
              : Transactions.inTransaction(
                  source, "bulk push to '" + queue + "'", c -> jobs.insertBatch(c, queue, chunk)));
      pushed();
    }
    return ids;
  }

  private List<String> bulkInCallersTransaction(
      Connection connection, String queue, List<String> chunk) {
    try {
      if (connection.isClosed()) {
        throw ConnectionException.permanent(
            "Cannot bulk push to '" + queue + "' through a closed JDBC connection", null);
      }
      return jobs.insertBatch(connection, queue, chunk);
    } catch (SQLException e) {
      throw SqlErrors.translate(
          "Database failed to bulk push to '" + queue + "' in the caller's transaction", e);
    }
  }

  /**
   * One multi-row {@code INSERT}, all or none: in a transaction of its own, or inside the caller's
   * when a {@link ConnectionJoiner} finds one.
   */
  @Override
  public List<String> pushAll(List<RawPush> pushes) {
    String what = "publish to " + queues(pushes);
    Connection joined = joinedConnection(queues(pushes).toString());
    if (joined != null) {
      return pushAll(joined, pushes);
    }
    List<MultiRowInsert.Row> rows = rows(pushes);
    List<String> ids =
        rows.size() <= MultiRowInsert.MAX_ROWS
            ? Transactions.autoCommit(source, what, c -> inserts.insert(c, rows))
            : Transactions.inTransaction(source, what, c -> inserts.insert(c, rows));
    pushed();
    return ids;
  }

  /**
   * {@link #pushAll(List)} through the caller's connection, inside the caller's transaction; a
   * failure leaves none of the rows in it.
   */
  @Override
  public List<String> pushAll(Connection connection, List<RawPush> pushes) {
    List<MultiRowInsert.Row> rows = rows(pushes);
    try {
      if (connection.isClosed()) {
        throw ConnectionException.permanent(
            "Cannot publish to " + queues(pushes) + " through a closed JDBC connection", null);
      }
      List<String> ids = inserts.insert(connection, rows);
      pushed();
      return ids;
    } catch (SQLException e) {
      throw SqlErrors.translate(
          "Database failed to publish to " + queues(pushes) + " in the caller's transaction", e);
    }
  }

  private List<MultiRowInsert.Row> rows(List<RawPush> pushes) {
    List<MultiRowInsert.Row> rows = new ArrayList<>(pushes.size());
    for (RawPush p : pushes) {
      rows.add(
          new MultiRowInsert.Row(p.queue(), p.payload(), DueTime.delaySeconds(p.delay(), clock)));
    }
    return rows;
  }

  private static java.util.Set<String> queues(List<RawPush> pushes) {
    java.util.Set<String> queues = new java.util.LinkedHashSet<>();
    pushes.forEach(p -> queues.add(p.queue()));
    return queues;
  }

  /** The caller's transaction's connection from the {@link ConnectionJoiner}, or null. */
  private Connection joinedConnection(String queue) {
    if (joiner == null) {
      return null;
    }
    try {
      return joiner.transactionConnection(dataSource);
    } catch (SQLException e) {
      throw SqlErrors.translate(
          "Could not find the caller's transaction to push to '" + queue + "'", e);
    }
  }

  private void pushed() {
    waiter.active();
    localWake.signal();
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    if (max < 1) {
      return List.of();
    }
    List<ReservedJob> reserved = reservation.reserve(queue, max);
    if (!reserved.isEmpty()) {
      waiter.active();
    }
    return reserved;
  }

  @Override
  public void delete(ReservedJob job) {
    deletes.delete((JdbcReservedJob) job);
  }

  @Override
  public CompletableFuture<Void> deleteAsync(ReservedJob job) {
    return deletes.deleteAsync((JdbcReservedJob) job);
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    jobs.release((JdbcReservedJob) job, DueTime.delaySeconds(delay, clock));
  }

  /** Delete and insert in one transaction, as {@link #release}: see {@link Reschedules}. */
  @Override
  public void reschedule(
      ReservedJob job, Duration delay, String newPayload, boolean refundAttempt) {
    rescheduler.reschedule(
        (JdbcReservedJob) job, DueTime.delaySeconds(delay, clock), newPayload, refundAttempt);
  }

  @Override
  public boolean extend(ReservedJob job) {
    return layout.retryAfter() == null || jobs.extend((JdbcReservedJob) job);
  }

  @Override
  public QueueSize size(String queue) {
    return jobs.size(queue);
  }

  @Override
  public void awaitWork(List<String> queues, Duration timeout) throws InterruptedException {
    waiter.await(queues, timeout);
  }

  /**
   * The restart signal, kept in the {@code queue_restart} table; empty when the table does not
   * exist.
   */
  @Override
  public Optional<String> lastRestart() {
    return restart.lastRestart();
  }

  /**
   * Sets the restart signal to the database's current Unix time; every worker stops after its
   * current jobs.
   */
  @Override
  public void signalRestart() {
    restart.signalRestart();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      deletes.close();
      waiter.close();
    }
  }

  /**
   * Settings of a {@link JdbcConnector}, named as think-queue's database connection config where
   * they exist. Each setter validates its value at once. Not thread-safe; {@link #build()} may be
   * called more than once.
   */
  public static final class Builder {
    private DataSource dataSource;
    private Dialect dialect;
    private WireFormat format = WireFormat.V3;
    private String table = DEFAULT_TABLE;
    private String failedTable = DEFAULT_FAILED_TABLE;
    private String restartTable = DEFAULT_RESTART_TABLE;
    private String prefix = "";
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private boolean createSchema;
    private boolean listenNotify = true;
    private Clock clock;
    private ConnectionJoiner joiner;

    private Builder() {}

    /**
     * @param dataSource the caller's data source (HikariCP recommended), in auto-commit mode or not
     *     (see the class description); required
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Overrides detection from the database's metadata, and with it the version check.
     *
     * @param dialect the database, or null to detect it
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /**
     * @param format the think-queue generation whose columns the table has (default {@link
     *     WireFormat#V3})
     * @return this builder
     * @throws ConfigurationException if {@code format} is null
     */
    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "V1 or V3");
      }
      this.format = format;
      return this;
    }

    /**
     * @param table think-queue's {@code table} (default {@code jobs})
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_]{1,64}} (it goes into
     *     SQL)
     */
    public Builder table(String table) {
      this.table = TableName.require("table", table);
      return this;
    }

    /**
     * @param table think-queue's {@code failed.table} (default {@code failed_jobs})
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder failedTable(String table) {
      this.failedTable = TableName.require("failedTable", table);
      return this;
    }

    /**
     * @param table the table of the restart signal (default {@code queue_restart})
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder restartTable(String table) {
      this.restartTable = TableName.require("restartTable", table);
      return this;
    }

    /**
     * @param prefix the database table prefix ThinkPHP prepends to the tables (default none)
     * @return this builder
     * @throws ConfigurationException if the prefix is not {@code [A-Za-z0-9_]{1,64}}
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null || prefix.isEmpty() ? "" : TableName.require("prefix", prefix);
      return this;
    }

    /**
     * The reservation timeout (think-queue's {@code retry_after}/{@code expire}), checked by {@link
     * RetryAfter#check}: the table keeps whole seconds, so a fraction would be cut off silently,
     * and a lease lasts {@code retryAfter} minus up to one second.
     *
     * @param retryAfter whole seconds, at least {@link Connector#MIN_RETRY_AFTER}; {@code null} =
     *     never
     * @return this builder
     * @throws ConfigurationException naming the value if it is shorter than 2 s or not whole
     *     seconds
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = RetryAfter.check(retryAfter);
      return this;
    }

    /**
     * @param create run the dialect's DDL ({@code CREATE TABLE IF NOT EXISTS}) at build time
     *     (default false): the jobs, failed-jobs and restart tables, and {@code <table>_unique} for
     *     unique jobs ({@code org/thinkqueue/jdbc/schema/<database>-unique.sql})
     * @return this builder
     */
    public Builder createSchemaIfMissing(boolean create) {
      this.createSchema = create;
      return this;
    }

    /**
     * @param listen PostgreSQL only: wake idle workers with {@code LISTEN/NOTIFY} (default true)
     * @return this builder
     */
    public Builder listenNotify(boolean listen) {
      this.listenNotify = listen;
      return this;
    }

    /**
     * Lets pushes and bulk pushes given no {@link Connection} join the transaction the pushing
     * thread runs on this connector's data source (the Spring Boot starter sets one backed by
     * Spring's transactions): every row, every chunk of a bulk push included, is written in that
     * transaction and nothing is committed. Without one (the default), such a push commits on a
     * connection of its own, unless the data source itself hands out the transaction's connection
     * (see the class description).
     *
     * @param joiner finds the caller's transaction, or {@code null} for none
     * @return this builder
     */
    public Builder joinTransactions(ConnectionJoiner joiner) {
      this.joiner = joiner;
      return this;
    }

    /** H2 only, for tests: "now" from {@code clock} instead of the database's time function. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Detects the dialect and whether the data source hands out auto-commit connections (from one
     * connection, so call it outside any transaction on the data source), optionally creates the
     * schema, and checks both tables exist.
     *
     * @return the connector; close it to stop its background thread and listening connection
     * @throws ConfigurationException naming a missing table and the DDL resource that creates it,
     *     or an unsupported database or version
     * @throws ConnectionException if the database cannot be reached
     */
    public JdbcConnector build() {
      if (dataSource == null) {
        throw new ConfigurationException("dataSource", null, "a JdbcConnector needs a DataSource");
      }
      if ((prefix + table).length() > 64 || (prefix + failedTable).length() > 64) {
        throw new ConfigurationException(
            "prefix", prefix, "prefix and table name together must fit in 64 chars");
      }
      Probe probe =
          Transactions.withRetry(
              "read the database metadata",
              () -> {
                try (Connection c = Transactions.connect(dataSource)) {
                  return new Probe(
                      dialect != null
                          ? DialectDetector.of(dialect)
                          : DialectDetector.detect(c.getMetaData()),
                      ConnectionSource.learnedFrom(dataSource, c));
                }
              });
      if (Boolean.FALSE.equals(probe.source().autoCommitPool())
          && joiner == null
          && isTransactionAwareProxy(dataSource)) {
        // Every connection would look like the connector's own, so a push inside a Spring
        // transaction would commit the caller's half-done work through the proxy.
        throw new ConfigurationException(
            "dataSource",
            dataSource.getClass().getName(),
            "a TransactionAwareDataSourceProxy over a pool with autoCommit=false can't tell the"
                + " caller's transaction from the connector's own connections; add"
                + " .joinTransactions(new SpringConnectionJoiner(...)) (queue-spring), or give the"
                + " connector the pool itself");
      }
      JdbcDialect d = probe.dialect();
      if (clock != null) {
        d = DialectDetector.withClock(d, clock);
      }
      d.prepare(probe.source());
      JdbcConnector connector = new JdbcConnector(this, d, probe.source());
      try {
        if (createSchema) {
          connector.schema.createSchema();
          if (connector.uniques.table().length() <= 64) {
            connector.uniqueSchema.createSchema();
          }
        }
        connector.schema.checkTables();
      } catch (RuntimeException e) {
        connector.close();
        throw e;
      }
      LOG.info(
          "JDBC connector ready: dialect={}, table={}, wireFormat={}, retryAfter={}, listen={},"
              + " poolAutoCommit={}, joinTransactions={}",
          d.selector(),
          connector.table(),
          format,
          retryAfter,
          connector.channel != null,
          probe.source().autoCommitPool(),
          joiner != null);
      return connector;
    }

    /**
     * Spring's TransactionAwareDataSourceProxy, found by name: queue-jdbc doesn't depend on Spring.
     */
    private static boolean isTransactionAwareProxy(DataSource dataSource) {
      for (Class<?> c = dataSource.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName()
            .equals("org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy")) {
          return true;
        }
      }
      return false;
    }

    /** What the first connection told: the database, and whether the pool auto-commits. */
    private record Probe(JdbcDialect dialect, ConnectionSource source) {}
  }
}
