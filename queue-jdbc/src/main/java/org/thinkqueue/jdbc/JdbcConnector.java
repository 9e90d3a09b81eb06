package org.thinkqueue.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueException;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.GroupCommit;
import org.thinkqueue.spi.Redaction;
import org.thinkqueue.jdbc.internal.Sql;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.spi.TransactionalPush;

/**
 * The database driver: think-queue's {@code jobs} table for the chosen {@link WireFormat}, on the caller's
 * {@link DataSource} (PostgreSQL, MariaDB/MySQL, H2), so PHP and Java workers can share it.
 *
 * <p>Reservation takes up to N rows in one short transaction with {@code FOR UPDATE SKIP LOCKED} (workers never
 * queue up behind one row lock), counting expired reservations as available again, as think-queue does. Release is
 * delete + insert of a new row in one transaction (think-queue uses two), so a crash between them loses nothing.
 * Times are whole Unix seconds from the database's clock, as PHP writes them. {@link #pushRaw(Connection, String,
 * String, Duration)} writes inside the caller's transaction. On PostgreSQL an idle worker wakes on
 * {@code LISTEN/NOTIFY}; on the others it wakes when a connector of the same JVM pushes to the table; on all it polls
 * for pushes of producers that do not notify (PHP) at least every {@link #MAX_POLL_INTERVAL}. Deadlocks and
 * serialization failures are retried. A failure to reach the database is a {@link ConnectionException}, a statement
 * the database refused (a value out of range, a constraint) a {@link org.thinkqueue.QueueDataException}.
 * Thread-safe.
 */
public final class JdbcConnector
    implements Connector, AwaitsWork, ExtendsReservations, TransactionalPush, RestartSignal {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcConnector.class);

  /** think-queue's default {@code retry_after}/{@code expire}. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  public static final String DEFAULT_TABLE = "jobs";
  public static final String DEFAULT_FAILED_TABLE = "failed_jobs";
  public static final String DEFAULT_RESTART_TABLE = "queue_restart";
  private static final String RESTART_NAME = "think:queue:restart";

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final int BULK_CHUNK = 500;
  private static final long FULL_SCAN_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** PostgreSQL takes a chunk as one array parameter, so chunks can be larger. */
  private static final int PG_BULK_CHUNK = 5_000;
  private static final long MIN_POLL_MS = 10;
  /**
   * The longest an idle worker goes without looking for jobs that producers which do not notify pushed (PHP's
   * think-queue; on MariaDB and H2 any other process). Pushes through a connector of this JVM on the same data
   * source and table, and on PostgreSQL pushes through any {@code JdbcConnector}, wake it at once.
   */
  public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);
  /** One per data source and table: pushes through any connector of this JVM wake the others' idle workers. */
  private static final ConcurrentHashMap<String, LocalWake> LOCAL_WAKES = new ConcurrentHashMap<>();

  private final DataSource dataSource;
  private final Dialect dialect;
  private final WireFormat format;
  private final String table;
  private final String failedTable;
  private final String restartTable;
  private final Duration retryAfter;
  private final boolean listen;
  private final String channel;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger idleStreak = new AtomicInteger();
  private final ReentrantLock listenerLock = new ReentrantLock();
  /** Deletes from all job threads go out as one statement and one commit per batch. */
  private final GroupCommit<JdbcReservedJob> deletes;
  private static final AtomicInteger ACK_THREADS = new AtomicInteger();
  /** Wakes idle workers of this JVM on a push through a connector on the same data source and table. */
  private final LocalWake localWake;
  private Connection listener;

  private final int attemptsCap;

  // SQL, built once
  private final String now;
  private final String insertSql;
  /**
   * PostgreSQL's reservation from a low-water id: the index scan starts at the oldest job this connector reserved
   * last instead of walking the entries of every row reserved and deleted before it, which PostgreSQL keeps until
   * a vacuum. A full scan still runs when the front is empty and at least every {@link #FULL_SCAN_NANOS}, for the
   * jobs behind the mark: delayed ones that fell due, expired reservations, late commits of transactional pushes.
   */
  private final String reserveFromSql;
  private final ConcurrentHashMap<String, ScanMark> scanMarks = new ConcurrentHashMap<>();
  /** PostgreSQL's bulk insert: the payloads as one {@code text[]}, ids back in order. */
  private final String bulkInsertSql;
  private final String selectForReserveSql;
  private final String candidatesSql;
  private final String lockCandidatesPrefix;
  private final String lockCandidatesSuffix;
  private final String updateReservedPrefix;
  private final String reserveReturningSql;
  private final String deleteSql;
  private final String extendSql;
  private final String sizeSql;
  private final String dueSql;

  private JdbcConnector(Builder b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.dialect = dialect;
    this.format = b.format;
    this.table = b.prefix + b.table;
    this.failedTable = b.prefix + b.failedTable;
    this.restartTable = b.prefix + b.restartTable;
    this.retryAfter = b.retryAfter;
    this.listen = b.listenNotify && dialect == Dialect.POSTGRESQL;
    this.channel = "think_queue_" + table.toLowerCase(java.util.Locale.ROOT);
    // Identity hash codes may collide: then pushes to one table also wake workers of another, spurious returns
    // awaitWork allows.
    this.localWake = LOCAL_WAKES.computeIfAbsent(System.identityHashCode(b.dataSource) + "/" + table,
        k -> new LocalWake());
    this.deletes = new GroupCommit<>("queue-jdbc-acks-" + ACK_THREADS.incrementAndGet(), 500, this::deleteBatch);
    this.now = dialect.nowSeconds();
    boolean v3 = format == WireFormat.V3;
    String ready = v3 ? "reserve_time IS NULL AND available_time <= " + now
        : "reserved = 0 AND available_at <= " + now;
    String expired = retryAfter == null ? null : (v3 ? "reserve_time <= " + now + " - " + retryAfter.toSeconds()
        : "reserved = 1 AND reserved_at <= " + now + " - " + retryAfter.toSeconds());
    String available = expired == null ? "(" + ready + ")" : "((" + ready + ") OR (" + expired + "))";
    String reservedCond = v3 ? "reserve_time IS NOT NULL" : "reserved = 1";
    String delayedCond = v3 ? "reserve_time IS NULL AND available_time > " + now
        : "reserved = 0 AND available_at > " + now;
    this.attemptsCap = dialect == Dialect.MYSQL ? 255 : 32767;
    String cap = Integer.toString(attemptsCap);
    // A negative count (written by hand or by another tool) counts as 0, so a job still runs at most its tries; at
    // the column's maximum the count saturates instead of failing the reservation with an out-of-range error.
    // MySQL evaluates SET left to right with updated values: attempts must come before the reserved flag.
    // Capped before the addition, so a wider column a user made (INTEGER at its maximum) cannot overflow either.
    String bumped = "LEAST(GREATEST(attempts, 0), " + (attemptsCap - 1) + ") + 1";
    String set = v3 ? "attempts = " + bumped + ", reserve_time = " + now
        : "attempts = CASE WHEN reserved = 1 THEN " + bumped + " ELSE GREATEST(attempts, 0) END, reserved = 1, "
            + "reserved_at = " + now;
    String lock = dialect.skipLocked() ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    // "ORDER BY queue, id" equals "ORDER BY id" under "queue = ?", and lets H2 read the (queue, id) index in order
    // instead of sorting the whole queue on every reservation.
    String select = "SELECT id FROM " + table + " WHERE queue = ? AND " + available + " ORDER BY queue, id LIMIT ?" + lock;
    this.insertSql = v3
        ? "INSERT INTO " + table + " (queue, payload, attempts, reserve_time, available_time, create_time) "
            + "VALUES (?, ?, ?, NULL, " + now + " + ?, " + now + ")"
        : "INSERT INTO " + table + " (queue, payload, attempts, reserved, reserved_at, available_at, created_at) "
            + "VALUES (?, ?, ?, 0, NULL, " + now + " + ?, " + now + ")";
    this.bulkInsertSql = v3
        ? "INSERT INTO " + table + " (queue, payload, attempts, reserve_time, available_time, create_time) "
            + "SELECT ?, u.p, 0, NULL, " + now + ", " + now + " FROM unnest(?::text[]) WITH ORDINALITY AS u(p, o) "
            + "ORDER BY u.o RETURNING id"
        : "INSERT INTO " + table + " (queue, payload, attempts, reserved, reserved_at, available_at, created_at) "
            + "SELECT ?, u.p, 0, 0, NULL, " + now + ", " + now + " FROM unnest(?::text[]) WITH ORDINALITY AS u(p, o) "
            + "ORDER BY u.o RETURNING id";
    // The select of the two-statement reservation takes "now" as parameters: evaluated per row, the clock
    // expression dominated H2's reservations.
    String readyParam = v3 ? "reserve_time IS NULL AND available_time <= ?" : "reserved = 0 AND available_at <= ?";
    String expiredParam = retryAfter == null ? null : (v3 ? "reserve_time <= ?" : "reserved = 1 AND reserved_at <= ?");
    String availableParam = expiredParam == null ? "(" + readyParam + ")"
        : "((" + readyParam + ") OR (" + expiredParam + "))";
    this.selectForReserveSql = "SELECT id, payload, attempts" + (v3 ? "" : ", reserved") + " FROM " + table
        + " WHERE queue = ? AND " + availableParam + " ORDER BY queue, id LIMIT ?" + lock;
    // H2 reads every matching row of the queue when a LIMIT query locks rows; it stops early without the lock.
    // So on H2: find candidates unlocked, then lock those still available, skipping ones others hold.
    this.candidatesSql = "SELECT id FROM " + table + " WHERE queue = ? AND " + availableParam
        + " ORDER BY queue, id LIMIT ?";
    this.lockCandidatesPrefix = "SELECT id, payload, attempts" + (v3 ? "" : ", reserved") + " FROM " + table
        + " WHERE id IN (";
    this.lockCandidatesSuffix = ") AND " + availableParam + " ORDER BY id LIMIT ?" + lock;
    this.updateReservedPrefix = "UPDATE " + table + " SET " + set + " WHERE id IN (";
    this.reserveReturningSql = "UPDATE " + table + " SET " + set + " WHERE id IN (" + select + ") "
        + "RETURNING id, payload, attempts";
    String selectFrom = "SELECT id FROM " + table + " WHERE queue = ? AND id >= ? AND " + available
        + " ORDER BY queue, id LIMIT ?" + lock;
    this.reserveFromSql = "UPDATE " + table + " SET " + set + " WHERE id IN (" + selectFrom + ") "
        + "RETURNING id, payload, attempts";
    this.deleteSql = "DELETE FROM " + table + " WHERE id = ? AND attempts = ?";
    this.extendSql = "UPDATE " + table + " SET " + (v3 ? "reserve_time = " : "reserved_at = ") + now
        + " WHERE id = ? AND attempts = ? AND " + reservedCond;
    this.sizeSql = "SELECT COALESCE(SUM(CASE WHEN " + ready + " THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN " + delayedCond + " THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN " + reservedCond + " THEN 1 ELSE 0 END), 0) FROM " + table + " WHERE queue = ?";
    String availCol = v3 ? "available_time" : "available_at";
    String reservedAtCol = v3 ? "reserve_time" : "reserved_at";
    String notReserved = v3 ? "reserve_time IS NULL" : "reserved = 0";
    this.dueSql = "SELECT " + dialect.nowMillis() + ", (SELECT MIN(" + availCol + ") FROM " + table
        + " WHERE queue = ? AND " + notReserved + "), (SELECT MIN(" + reservedAtCol + ") FROM " + table
        + " WHERE queue = ? AND " + reservedCond + ")";
  }

  public static Builder builder() {
    return new Builder();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The jobs table name, prefix included. */
  public String table() {
    return table;
  }

  /** The failed-jobs table name, prefix included. */
  public String failedTable() {
    return failedTable;
  }

  /** A failed-job store on this connector's {@code failed_jobs} table. */
  public JdbcFailedJobStore failedJobStore() {
    return new JdbcFailedJobStore(dataSource, failedTable, dialect);
  }

  @Override
  public WireFormat wireFormat() {
    return format;
  }

  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return false;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after
   *     {@link QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    long seconds = delaySeconds(delay);
    return Sql.withRetry("push to '" + queue + "'", () -> {
      try (Connection c = Sql.connect(dataSource)) {
        c.setAutoCommit(true);
        String id = insert(c, queue, payload, 0, seconds);
        wakeLocalWorkers();
        return id;
      }
    });
  }

  private void wakeLocalWorkers() {
    idleStreak.set(0);
    localWake.signal();
  }

  /** A generation counter idle workers wait on; a push bumps it. */
  private static final class LocalWake {
    private long generation;

    synchronized void signal() {
      generation++;
      notifyAll();
    }

    synchronized long generation() {
      return generation;
    }

    /** Waits up to {@code ms} for a signal after {@code seen}; true if one came. */
    synchronized boolean awaitAfter(long seen, long ms) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
      long left = ms;
      while (generation == seen && left > 0) {
        wait(left);
        left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      }
      return generation != seen;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after
   *     {@link QueueConnection#LATEST_DUE_TIME}; nothing is written
   */
  @Override
  public String pushRaw(Connection connection, String queue, String payload, Duration delay) {
    long seconds = delaySeconds(delay);
    try {
      if (connection.isClosed()) {
        throw new ConnectionException("Cannot push to '" + queue + "' through a closed JDBC connection", null,
            false);
      }
      String id = insert(connection, queue, payload, 0, seconds);
      // Not visible before the caller commits: idle workers look again now and poll fast for a while.
      wakeLocalWorkers();
      return id;
    } catch (SQLException e) {
      throw Sql.translate("Database failed to push to '" + queue + "' in the caller's transaction", e);
    }
  }

  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    List<String> ids = new ArrayList<>(payloads.size());
    int chunkSize = dialect == Dialect.POSTGRESQL ? PG_BULK_CHUNK : BULK_CHUNK;
    for (int i = 0; i < payloads.size(); i += chunkSize) {
      List<String> chunk = payloads.subList(i, Math.min(payloads.size(), i + chunkSize));
      ids.addAll(Sql.withRetry("bulk push to '" + queue + "'", () -> {
        try (Connection c = Sql.connect(dataSource)) {
          c.setAutoCommit(false);
          try {
            List<String> got = insertBatch(c, queue, chunk);
            c.commit();
            wakeLocalWorkers();
            return got;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          }
        }
      }));
    }
    return ids;
  }

  private String insert(Connection c, String queue, String payload, int attempts, long delaySeconds)
      throws SQLException {
    if (listen) {
      String sql = "WITH ins AS (" + insertSql + " RETURNING id) SELECT id, pg_notify(?, ?) FROM ins";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindInsert(ps, queue, payload, attempts, delaySeconds);
        ps.setString(5, channel);
        ps.setString(6, queue);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Long.toString(rs.getLong(1));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql, Statement.RETURN_GENERATED_KEYS)) {
      bindInsert(ps, queue, payload, attempts, delaySeconds);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        if (!rs.next()) {
          throw new SQLException("No generated id returned for the insert into " + table);
        }
        return Long.toString(rs.getLong(1));
      }
    }
  }

  private List<String> insertBatch(Connection c, String queue, List<String> payloads) throws SQLException {
    List<Long> ids = new ArrayList<>(payloads.size());
    if (dialect == Dialect.POSTGRESQL) {
      // One statement text whatever the count: the driver prepares it once per connection, and the payloads
      // travel as one text[] parameter instead of a parse of thousands of VALUES tuples.
      try (PreparedStatement ps = c.prepareStatement(bulkInsertSql)) {
        ps.setString(1, queue);
        ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      ids.sort(Comparator.naturalOrder());
      notifyQueue(c, queue);
      return ids.stream().map(String::valueOf).toList();
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql, Statement.RETURN_GENERATED_KEYS)) {
      for (String payload : payloads) {
        bindInsert(ps, queue, payload, 0, 0);
        ps.addBatch();
      }
      ps.executeBatch();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.size() != payloads.size()) {
      throw new SQLException("Expected " + payloads.size() + " generated ids from the batch insert into " + table
          + ", got " + ids.size());
    }
    return ids.stream().map(String::valueOf).toList();
  }

  private void bindInsert(PreparedStatement ps, String queue, String payload, int attempts, long delaySeconds)
      throws SQLException {
    ps.setString(1, queue);
    ps.setString(2, payload);
    ps.setInt(3, attempts);
    ps.setLong(4, delaySeconds);
  }

  private void notifyQueue(Connection c, String queue) throws SQLException {
    if (!listen) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, channel);
      ps.setString(2, queue);
      ps.execute();
    }
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    if (max < 1) {
      return List.of();
    }
    List<ReservedJob> jobs = Sql.withRetry("reserve from '" + queue + "'", () -> {
      try (Connection c = Sql.connect(dataSource)) {
        return dialect == Dialect.POSTGRESQL ? reserveReturning(c, queue, max) : reserveInTransaction(c, queue, max);
      }
    });
    if (!jobs.isEmpty()) {
      idleStreak.set(0);
    }
    return jobs;
  }

  /** Where this connector's last reservation on a queue began, and when it last scanned the whole queue. */
  private static final class ScanMark {
    volatile long lowId;
    volatile long fullScanAt;
  }

  private List<ReservedJob> reserveReturning(Connection c, String queue, int max) throws SQLException {
    c.setAutoCommit(true);
    ScanMark mark = scanMarks.computeIfAbsent(queue, q -> new ScanMark());
    long now = System.nanoTime();
    List<ReservedJob> jobs = new ArrayList<>();
    long low = mark.lowId;
    if (low > 0 && now - mark.fullScanAt < FULL_SCAN_NANOS) {
      reserveReturning(c, reserveFromSql, queue, low, max, jobs);
    }
    if (jobs.isEmpty()) {
      mark.fullScanAt = now;
      reserveReturning(c, reserveReturningSql, queue, 0, max, jobs);
    }
    jobs.sort(Comparator.comparingLong(j -> ((JdbcReservedJob) j).rowId));
    if (!jobs.isEmpty()) {
      mark.lowId = ((JdbcReservedJob) jobs.get(0)).rowId;
    }
    return jobs;
  }

  private void reserveReturning(Connection c, String sql, String queue, long fromId, int max, List<ReservedJob> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      ps.setString(p++, queue);
      if (fromId > 0) {
        ps.setLong(p++, fromId);
      }
      ps.setInt(p, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int token = rs.getInt(3);
          into.add(new JdbcReservedJob(queue, rs.getString(2), attemptsOf(token), rs.getLong(1), token));
        }
      }
    }
  }

  private List<ReservedJob> reserveInTransaction(Connection c, String queue, int max) throws SQLException {
    c.setAutoCommit(false);
    try {
      List<long[]> rows = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      long dbNow;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + now)) {
        rs.next();
        dbNow = rs.getLong(1);
      }
      String lockSql = selectForReserveSql;
      List<Long> candidates = List.of();
      if (dialect == Dialect.H2) {
        candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(candidatesSql)) {
          int p = bindAvailable(ps, 1, queue, dbNow);
          ps.setInt(p, max * 2 + 8);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              candidates.add(rs.getLong(1));
            }
          }
        }
        if (candidates.isEmpty()) {
          c.commit();
          return List.of();
        }
        StringBuilder sql = new StringBuilder(lockCandidatesPrefix);
        for (int i = 0; i < candidates.size(); i++) {
          sql.append(i == 0 ? "?" : ", ?");
        }
        lockSql = sql.append(lockCandidatesSuffix).toString();
      }
      try (PreparedStatement ps = c.prepareStatement(lockSql)) {
        int p = 1;
        if (dialect == Dialect.H2) {
          for (Long id : candidates) {
            ps.setLong(p++, id);
          }
          p = bindAvailable(ps, p, null, dbNow);
        } else {
          p = bindAvailable(ps, p, queue, dbNow);
        }
        ps.setInt(p, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int attempts = rs.getInt(3);
            boolean wasReserved = format == WireFormat.V1 && rs.getInt(4) == 1;
            // The value the UPDATE below writes, which identifies this reservation.
            int token = format == WireFormat.V3 || wasReserved ? bumpedAttempts(attempts) : Math.max(attempts, 0);
            rows.add(new long[] {rs.getLong(1), token});
            payloads.add(rs.getString(2));
          }
        }
      }
      if (rows.isEmpty()) {
        c.commit();
        return List.of();
      }
      StringBuilder sql = new StringBuilder(updateReservedPrefix);
      for (int i = 0; i < rows.size(); i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      sql.append(')');
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < rows.size(); i++) {
          ps.setLong(i + 1, rows.get(i)[0]);
        }
        ps.executeUpdate();
      }
      c.commit();
      List<ReservedJob> jobs = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        int token = (int) rows.get(i)[1];
        jobs.add(new JdbcReservedJob(queue, payloads.get(i), attemptsOf(token), rows.get(i)[0], token));
      }
      return jobs;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Binds [queue,] now [, now - retryAfter] from {@code index}; returns the next index. */
  private int bindAvailable(PreparedStatement ps, int index, String queue, long dbNow) throws SQLException {
    int p = index;
    if (queue != null) {
      ps.setString(p++, queue);
    }
    ps.setLong(p++, dbNow);
    if (retryAfter != null) {
      ps.setLong(p++, dbNow - retryAfter.toSeconds());
    }
    return p;
  }

  /** What the reservation's UPDATE makes of a stored count: floored at 0, plus one, saturated at the cap. */
  private int bumpedAttempts(int stored) {
    return Math.min(Math.max(stored, 0) + 1, attemptsCap);
  }

  /** 3.x stores reservations so far; 1.x stores one less (its attempts() adds one in memory). */
  private int attemptsOf(int stored) {
    return format == WireFormat.V3 ? stored : stored + 1;
  }

  @Override
  public void delete(ReservedJob job) {
    JdbcReservedJob j = (JdbcReservedJob) job;
    try {
      deletes.submit(j).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("Interrupted while deleting job " + j.rowId + " from '" + j.queue() + "'", e,
          true);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof QueueException ? (QueueException) cause
          : new ConnectionException("Database failed to delete job " + j.rowId + ": " + cause, cause, true);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ConnectionException("Timed out deleting job " + j.rowId + " from '" + j.queue() + "'", e, true);
    }
  }

  @Override
  public java.util.concurrent.CompletableFuture<Void> deleteAsync(ReservedJob job) {
    JdbcReservedJob j = (JdbcReservedJob) job;
    return deletes.submit(j).handle((removed, e) -> {
      if (e != null) {
        throw e instanceof QueueException ? (QueueException) e
            : new ConnectionException("Database failed to delete job " + j.rowId + ": " + e, e, true);
      }
      return null;
    });
  }

  /** One DELETE of a batch of reservations, matched by (id, attempts) so stale ones are left alone. */
  private List<Boolean> deleteBatch(List<JdbcReservedJob> batch) {
    StringBuilder sql = new StringBuilder("DELETE FROM ").append(table).append(" WHERE ");
    if (dialect == Dialect.MYSQL) {
      // MariaDB does not use the primary key for a row-constructor IN; it does for ORed equalities.
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "(id = ? AND attempts = ?)" : " OR (id = ? AND attempts = ?)");
      }
    } else {
      sql.append("(id, attempts) IN (");
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
      }
      sql.append(')');
    }
    Sql.withRetry("delete " + batch.size() + " jobs", () -> {
      try (Connection c = Sql.connect(dataSource); PreparedStatement ps = c.prepareStatement(sql.toString())) {
        c.setAutoCommit(true);
        int p = 1;
        for (JdbcReservedJob j : batch) {
          ps.setLong(p++, j.rowId);
          ps.setInt(p++, j.token);
        }
        return ps.executeUpdate();
      }
    });
    return java.util.Collections.nCopies(batch.size(), Boolean.TRUE);
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    JdbcReservedJob j = (JdbcReservedJob) job;
    // 3.x keeps the count of reservations; 1.x stores what its attempts() returned (think-queue's release()).
    int attempts = format == WireFormat.V3 ? j.token : Math.min(j.attempts(), attemptsCap);
    long seconds = delaySeconds(delay);
    Sql.withRetry("release job " + j.rowId + " to '" + j.queue() + "'", () -> {
      try (Connection c = Sql.connect(dataSource)) {
        c.setAutoCommit(false);
        try {
          int deleted;
          try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
            ps.setLong(1, j.rowId);
            ps.setInt(2, j.token);
            deleted = ps.executeUpdate();
          }
          if (deleted == 1) {
            insert(c, j.queue(), j.rawBody(), attempts, seconds);
          }
          c.commit();
          return deleted;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
    });
  }

  @Override
  public boolean extend(ReservedJob job) {
    if (retryAfter == null) {
      return true;
    }
    JdbcReservedJob j = (JdbcReservedJob) job;
    return Sql.withRetry("extend job " + j.rowId, () -> {
      try (Connection c = Sql.connect(dataSource); PreparedStatement ps = c.prepareStatement(extendSql)) {
        c.setAutoCommit(true);
        ps.setLong(1, j.rowId);
        ps.setInt(2, j.token);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public QueueSize size(String queue) {
    return Sql.withRetry("count '" + queue + "'", () -> {
      try (Connection c = Sql.connect(dataSource); PreparedStatement ps = c.prepareStatement(sizeSql)) {
        ps.setString(1, queue);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new QueueSize(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    });
  }

  @Override
  public void awaitWork(List<String> queues, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (listen) {
      // LISTEN before looking for due jobs: a push committed after that look must not go unheard.
      ensureListening();
      long waitMs = Math.min(timeout.toMillis(), millisUntilDue(queues));
      if (waitMs > 0) {
        awaitNotification(queues, waitMs, deadline);
      }
      return;
    }
    // MariaDB and H2: wait until a job is due, a connector of this JVM pushed to the table, or the timeout. Pushes
    // of other processes are seen by polling: fast while jobs flow, backing off to MAX_POLL_INTERVAL when idle.
    while (true) {
      long seen = localWake.generation();
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      long waitMs = Math.min(left, millisUntilDue(queues));
      if (waitMs <= 0) {
        return;
      }
      int streak = idleStreak.getAndIncrement();
      long poll = Math.min(waitMs, Math.min(MAX_POLL_INTERVAL.toMillis(), MIN_POLL_MS << Math.min(streak, 10)));
      localWake.awaitAfter(seen, Math.max(1, poll));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Milliseconds until a delayed job is due or a reservation expires on one of the queues; 0 if work is ready. */
  private long millisUntilDue(List<String> queues) {
    return Sql.withRetry("look for due jobs", () -> {
      long best = Long.MAX_VALUE;
      try (Connection c = Sql.connect(dataSource); PreparedStatement ps = c.prepareStatement(dueSql)) {
        for (String queue : queues) {
          ps.setString(1, queue);
          ps.setString(2, queue);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long dbNowMs = rs.getLong(1);
            long available = rs.getLong(2);
            if (!rs.wasNull()) {
              // Ready once the database's whole-second clock reaches available: at available * 1000 ms.
              best = Math.min(best, available * 1000 - dbNowMs);
            }
            long reservedAt = rs.getLong(3);
            if (!rs.wasNull() && retryAfter != null) {
              best = Math.min(best, (reservedAt + retryAfter.toSeconds()) * 1000 - dbNowMs);
            }
          }
          if (best <= 0) {
            return 0L;
          }
        }
      }
      return best;
    });
  }

  private void awaitNotification(List<String> queues, long waitMs, long deadline) throws InterruptedException {
    long until = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs));
    if (!listenerLock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
      return;
    }
    try {
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      while (left > 0) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        org.postgresql.PGNotification[] got = listenerConnection()
            .getNotifications((int) Math.min(left, MAX_POLL_INTERVAL.toMillis()));
        if (got != null) {
          for (org.postgresql.PGNotification n : got) {
            if (queues.contains(n.getParameter())) {
              return;
            }
          }
        }
        left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
        // Producers that do not NOTIFY (PHP's think-queue) are seen by polling.
        if (left > 0 && millisUntilDue(queues) <= 0) {
          return;
        }
      }
    } catch (SQLException e) {
      closeListener();
      LOG.warn("LISTEN connection failed ({}); polling until it is back", Redaction.secrets(e.toString()));
      TimeUnit.MILLISECONDS.sleep(Math.min(waitMs, 500));
    } finally {
      listenerLock.unlock();
    }
  }

  private void ensureListening() {
    if (listener != null || !listenerLock.tryLock()) {
      return; // listening already, or another poller is
    }
    try {
      listenerConnection();
    } catch (SQLException e) {
      closeListener();
      LOG.warn("LISTEN connection failed ({}); polling until it is back", Redaction.secrets(e.toString()));
    } finally {
      listenerLock.unlock();
    }
  }

  private org.postgresql.PGConnection listenerConnection() throws SQLException {
    if (listener == null || listener.isClosed()) {
      Connection c = Sql.connect(dataSource);
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + channel);
      }
      listener = c;
    }
    return listener.unwrap(org.postgresql.PGConnection.class);
  }

  private void closeListener() {
    Connection c = listener;
    listener = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the LISTEN connection failed: {}", Redaction.secrets(e.toString()));
      }
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      deletes.close();
      listenerLock.lock();
      try {
        closeListener();
      } finally {
        listenerLock.unlock();
      }
    }
  }

  /**
   * The restart signal, kept in the {@code queue_restart} table (created by the DDL resource; think-queue keeps it in
   * the cache). Empty when the table does not exist.
   */
  @Override
  public Optional<String> lastRestart() {
    return Sql.withRetry("read the restart signal", () -> {
      try (Connection c = Sql.connect(dataSource);
          PreparedStatement ps = c.prepareStatement(
              "SELECT signal_value FROM " + restartTable + " WHERE signal_name = ?")) {
        ps.setString(1, RESTART_NAME);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      } catch (SQLException e) {
        if (Sql.isMissingTable(e)) {
          return Optional.<String>empty();
        }
        throw e;
      }
    });
  }

  /** Sets the restart signal to the database's current Unix time; every worker stops after its current jobs. */
  @Override
  public void signalRestart() {
    Sql.withRetry("set the restart signal", () -> {
      try (Connection c = Sql.connect(dataSource)) {
        c.setAutoCommit(false);
        try {
          try (PreparedStatement del = c.prepareStatement(
              "DELETE FROM " + restartTable + " WHERE signal_name = ?")) {
            del.setString(1, RESTART_NAME);
            del.executeUpdate();
          }
          long dbNow;
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + now)) {
            rs.next();
            dbNow = rs.getLong(1);
          }
          try (PreparedStatement ins = c.prepareStatement(
              "INSERT INTO " + restartTable + " (signal_name, signal_value) VALUES (?, ?)")) {
            ins.setString(1, RESTART_NAME);
            ins.setString(2, Long.toString(dbNow));
            ins.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          if (e instanceof SQLException && Sql.isMissingTable((SQLException) e)) {
            throw new ConfigurationException("restartTable", restartTable, "it does not exist; create it with "
                + "the DDL in " + dialect.ddlResource(format) + " or createSchemaIfMissing(true)");
          }
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  /**
   * The delay in whole seconds, as PHP writes it, rounded up so a job never starts before its delay. Checked here as
   * well as in {@link QueueConnection}: the SPI and the release path reach this without it, and a due time past
   * {@link QueueConnection#LATEST_DUE_TIME} would overflow MariaDB's unsigned INT and PostgreSQL's sum.
   */
  static long delaySeconds(Duration delay) {
    if (delay == null) {
      throw new InvalidDelayException(null, "must not be null; Duration.ZERO pushes for now");
    }
    if (delay.isNegative()) {
      throw new InvalidDelayException(delay, "must not be negative");
    }
    long latest = QueueConnection.LATEST_DUE_TIME.getEpochSecond() - System.currentTimeMillis() / 1000;
    long s = delay.getSeconds();
    if (s > latest || (s == latest && delay.getNano() > 0)) {
      throw InvalidDelayException.tooLate(delay, QueueConnection.LATEST_DUE_TIME);
    }
    return delay.getNano() > 0 ? s + 1 : s;
  }

  private void checkTables() {
    Sql.withRetry("check tables", () -> {
      try (Connection c = Sql.connect(dataSource)) {
        for (String t : List.of(table, failedTable)) {
          try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + t + " WHERE 1 = 0").close();
          } catch (SQLException e) {
            if (Sql.isMissingTable(e)) {
              throw new ConfigurationException("table", t, "it does not exist in the database; create it with the "
                  + "DDL in the classpath resource " + dialect.ddlResource(format) + " or call "
                  + "JdbcConnector.builder().createSchemaIfMissing(true)");
            }
            throw e;
          }
        }
      }
      return null;
    });
  }

  private void createSchema() {
    String resource = dialect.ddlResource(format);
    String ddl;
    try (InputStream in = JdbcConnector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing DDL resource " + resource);
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read DDL resource " + resource, e);
    }
    String sql = ddl.replace("${table}", table).replace("${failed_table}", failedTable)
        .replace("${restart_table}", restartTable);
    Sql.withRetry("create the schema from " + resource, () -> {
      try (Connection c = Sql.connect(dataSource); Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        String code = sql.lines().filter(l -> !l.trim().startsWith("--"))
            .collect(java.util.stream.Collectors.joining("\n"));
        for (String statement : code.split(";")) {
          if (!statement.isBlank()) {
            s.execute(statement.trim());
          }
        }
      }
      return null;
    });
  }

  /** A reservation: the row and its attempts value after reserving, which identifies this reservation. */
  static final class JdbcReservedJob extends ReservedJob {
    final long rowId;
    final int token;

    JdbcReservedJob(String queue, String payload, int attempts, long rowId, int token) {
      super(queue, payload, attempts);
      this.rowId = rowId;
      this.token = token;
    }

    @Override
    public String id() {
      return Long.toString(rowId);
    }
  }

  /** Settings of a {@link JdbcConnector}, named as think-queue's database connection config where they exist. */
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

    private Builder() {}

    /** The caller's data source (HikariCP recommended). Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** Overrides detection from the database's metadata. */
    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "V1 or V3");
      }
      this.format = format;
      return this;
    }

    /** think-queue's {@code table} (default {@code jobs}). */
    public Builder table(String table) {
      this.table = requireTableName("table", table);
      return this;
    }

    /** think-queue's {@code failed.table} (default {@code failed_jobs}). */
    public Builder failedTable(String table) {
      this.failedTable = requireTableName("failedTable", table);
      return this;
    }

    /** The table of the restart signal (default {@code queue_restart}). */
    public Builder restartTable(String table) {
      this.restartTable = requireTableName("restartTable", table);
      return this;
    }

    /** The database table prefix ThinkPHP prepends to both tables (default none). */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null || prefix.isEmpty() ? "" : requireTableName("prefix", prefix);
      return this;
    }

    /**
     * The reservation timeout (think-queue's {@code retry_after}/{@code expire}); {@code null} = never. A whole
     * number of seconds, at least {@link Connector#MIN_RETRY_AFTER}: the table keeps whole seconds, so a fraction
     * would be cut off silently, and a lease lasts {@code retryAfter} minus up to one second.
     *
     * @throws ConfigurationException naming the value if it is shorter than 2 s or not whole seconds
     */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter != null && retryAfter.compareTo(MIN_RETRY_AFTER) < 0) {
        throw new ConfigurationException("retryAfter", retryAfter, "at least " + MIN_RETRY_AFTER.toSeconds()
            + " seconds (the table keeps whole seconds, so a lease lasts retryAfter minus up to 1 s), or null for "
            + "never");
      }
      if (retryAfter != null && retryAfter.getNano() != 0) {
        throw new ConfigurationException("retryAfter", retryAfter, "a whole number of seconds (the table keeps "
            + "whole seconds, as think-queue's retry_after is)");
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /** Runs the dialect's DDL ({@code CREATE TABLE IF NOT EXISTS}) at build time. Off by default. */
    public Builder createSchemaIfMissing(boolean create) {
      this.createSchema = create;
      return this;
    }

    /** PostgreSQL only: wake idle workers with {@code LISTEN/NOTIFY} (default true). */
    public Builder listenNotify(boolean listen) {
      this.listenNotify = listen;
      return this;
    }

    /**
     * Detects the dialect, optionally creates the schema, and checks both tables exist.
     *
     * @throws ConfigurationException naming a missing table and the DDL resource that creates it
     * @throws ConnectionException if the database cannot be reached
     */
    public JdbcConnector build() {
      if (dataSource == null) {
        throw new ConfigurationException("dataSource", null, "a JdbcConnector needs a DataSource");
      }
      if ((prefix + table).length() > 64 || (prefix + failedTable).length() > 64) {
        throw new ConfigurationException("prefix", prefix, "prefix and table name together must fit in 64 chars");
      }
      Dialect d = dialect;
      if (d == null) {
        d = Sql.withRetry("read the database metadata", () -> {
          try (Connection c = Sql.connect(dataSource)) {
            return Dialect.detect(c.getMetaData());
          }
        });
      }
      JdbcConnector connector = new JdbcConnector(this, d);
      try {
        if (createSchema) {
          connector.createSchema();
        }
        connector.checkTables();
      } catch (RuntimeException e) {
        connector.close();
        throw e;
      }
      LOG.info("JDBC connector ready: dialect={}, table={}, wireFormat={}, retryAfter={}, listen={}", d,
          connector.table, format, retryAfter, connector.listen);
      return connector;
    }

    static String requireTableName(String setting, String name) {
      if (name == null || !TABLE_NAME.matcher(name).matches()) {
        throw new ConfigurationException(setting, name == null ? null : "'" + name + "'",
            "must match [A-Za-z0-9_]{1,64}");
      }
      return name;
    }
  }

  /** The channel name used for {@code LISTEN/NOTIFY}. */
  Optional<String> channel() {
    return listen ? Optional.of(channel) : Optional.empty();
  }

  /** {@link #failedJobStore()}: the default for a manager whose default connection this is (its table). */
  @Override
  public Optional<org.thinkqueue.spi.FailedJobStore> defaultFailedJobStore() {
    return Optional.of(failedJobStore());
  }
}
