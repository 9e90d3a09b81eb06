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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.FailedJob;
import org.thinkqueue.Job;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobOptions.UniqueUntil;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.TransactionalUniquePush;
import org.thinkqueue.spi.UniquePush;
import org.thinkqueue.worker.Worker;

/**
 * What unique jobs ({@link JobOptions#withUniqueKey}) guarantee on every driver, checked against
 * the real store through the public API: while a job pushed with a key exists on its queue (ready,
 * delayed, reserved or running), another push of the key writes nothing and returns that job's id;
 * the key is freed when the job ends however it ends (deleted after it ran, failed, failed for
 * having no tries left), when its attempt starts for {@link UniqueUntil#PROCESSING}, and when
 * {@code uniqueFor} has passed; a job released for a retry keeps it; a job re-pushed from the
 * failed-job store frees no other job's key; concurrent pushes of one key write one job. A driver
 * that pushes inside a JDBC transaction ({@link TransactionalUniquePush}) takes the key in it: a
 * rollback leaves no key.
 *
 * <p>Subclass once per backend with {@link #createConnector(Duration)}; connectors of one test
 * share one store, as machines share one Redis. Time passes through a {@link TimeControl}: waits
 * for a store-side timeout let it pass in short steps until the store shows the effect, with a
 * bound, never a fixed sleep.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class UniqueJobsContract {
  /** The job every test pushes, with String data. */
  protected static final String JOB = "unique-contract-job";

  /** The reservation timeout of the expiry test: the shortest every connector accepts. */
  protected static final Duration SHORT_RETRY_AFTER = Connector.MIN_RETRY_AFTER;

  private static final Duration LONG_RETRY_AFTER = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofMillis(100);
  private static final Duration TIMEOUT_WAIT = Duration.ofSeconds(20);

  private final TimeControl time;
  private final boolean transactional;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> queues = new CopyOnWriteArrayList<>();

  /** What the handler of {@link #JOB} does in the running test; by default nothing. */
  private volatile Handler handler = (job, data) -> {};

  /** Ids of the jobs the handler ran, in order. */
  private final List<String> ranIds = new CopyOnWriteArrayList<>();

  /** Data of the jobs the handler ran, in order. */
  private final List<String> ranData = new CopyOnWriteArrayList<>();

  /** The queue of the running test, from {@link #newQueueName()}; no other test uses it. */
  protected String queue;

  /** What a test's handler does with a job. */
  @FunctionalInterface
  private interface Handler {
    void run(Job job, String data) throws Exception;
  }

  /**
   * A suite on real time whose driver cannot push inside a JDBC transaction.
   *
   * @see #UniqueJobsContract(TimeControl, boolean)
   */
  protected UniqueJobsContract() {
    this(TimeControl.sleeping(), false);
  }

  /**
   * A suite whose time passes through {@code time}.
   *
   * @param time {@link TimeControl#of(MutableClock)} when every connector from {@link
   *     #createConnector(Duration)} reads that clock, else {@link TimeControl#sleeping()}
   * @param transactional whether the connectors implement {@link TransactionalUniquePush}; the
   *     transactional tests then run on connections from {@link #openConnection()}
   */
  protected UniqueJobsContract(TimeControl time, boolean transactional) {
    this.time = time;
    this.transactional = transactional;
  }

  /**
   * A new connector of the driver under test on the test's store. Several may be open at once; the
   * contract closes them.
   *
   * @param retryAfter the reservation timeout, never null here
   * @return a new, open connector on the store every other connector of the test uses
   */
  protected abstract Connector createConnector(Duration retryAfter);

  /**
   * A queue name unique to the test. Override to shape it (a Redis Cluster hash tag, say).
   *
   * @return a valid queue name no other test uses
   */
  protected String newQueueName() {
    return "uq-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A new JDBC connection to the database of the connectors, for the transactional tests (only
   * called when the suite declares the driver transactional). The contract closes it.
   *
   * @return a new connection in auto-commit mode
   * @throws SQLException if the database cannot be reached
   */
  protected Connection openConnection() throws SQLException {
    throw new UnsupportedOperationException("not a transactional driver");
  }

  /**
   * Runs after every worker, manager and connector of the test is closed: delete the keys, drop the
   * tables the test made. Does nothing by default.
   *
   * @param queues the queues the test used
   * @throws Exception if cleaning up fails; JUnit reports it against the test
   */
  protected void cleanUp(List<String> queues) throws Exception {}

  @BeforeEach
  void newQueue() {
    queue = queue();
  }

  @AfterEach
  void closeEverything() throws Exception {
    try {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          // already closed
        }
      }
      closeables.clear();
    } finally {
      cleanUp(List.copyOf(queues));
    }
  }

  // ------------------------------------------------------------------------------------ pushes

  @Test
  void aSecondPushReturnsTheFirstIdAndWritesNothing() {
    QueueManager m = manager();
    String first = m.push(JOB, "first", queue, JobOptions.uniqueKey("order:1"));
    String second = m.push(JOB, "second", queue, JobOptions.uniqueKey("order:1"));
    String delayed =
        m.later(Duration.ofSeconds(60), JOB, "third", queue, JobOptions.uniqueKey("order:1"));

    assertThat(first).isNotBlank();
    assertThat(second).as("id of the second push").isEqualTo(first);
    assertThat(delayed).as("id of a delayed push of the key").isEqualTo(first);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(1, 0, 0));
    ReservedJob stored = popOne(m);
    assertThat(stored.id()).isEqualTo(first);
    assertThat(Payload.parse(stored.rawBody()).data().asText()).isEqualTo("first");
  }

  @Test
  void aPayloadCarriesItsKeyAfterItsDataAndAPlainPushNextToItIsUnaffected() {
    QueueManager m = manager();
    String unique =
        m.push(
            JOB, "u", queue, JobOptions.uniqueKey("k:1").withUniqueUntil(UniqueUntil.PROCESSING));
    String plain = m.push(JOB, "u", queue);
    String plainAgain = m.push(JOB, "u", queue);

    assertThat(plain).isNotEqualTo(unique).isNotEqualTo(plainAgain);
    assertThat(m.push(JOB, "u", queue, JobOptions.uniqueKey("k:1"))).isEqualTo(unique);
    assertThat(m.size(queue).total()).isEqualTo(3);
    ReservedJob u = popOne(m);
    ReservedJob p = popOne(m);
    assertThat(u.rawBody())
        .contains("\"data\":\"u\",\"uniqueKey\":\"k:1\",\"uniqueUntil\":\"processing\"");
    assertThat(p.rawBody()).doesNotContain("uniqueKey").doesNotContain("uniqueUntil");

    // The plain job ends: the key stays with the unique one.
    connector(m).delete(p);
    assertThat(m.push(JOB, "v", queue, JobOptions.uniqueKey("k:1"))).isEqualTo(unique);
    connector(m).delete(u);
    assertThat(m.push(JOB, "w", queue, JobOptions.uniqueKey("k:1"))).isNotEqualTo(unique);
  }

  @Test
  void keysArePerQueue() {
    QueueManager m = manager();
    String other = queue();
    String here = m.push(JOB, "a", queue, JobOptions.uniqueKey("shared"));
    String there = m.push(JOB, "b", other, JobOptions.uniqueKey("shared"));

    assertThat(there).isNotEqualTo(here);
    assertThat(m.size(queue).total()).isEqualTo(1);
    assertThat(m.size(other).total()).isEqualTo(1);
  }

  @Test
  void delayedAndReservedJobsHoldTheirKeys() {
    QueueManager m = manager();
    String delayed =
        m.later(Duration.ofSeconds(60), JOB, "d", queue, JobOptions.uniqueKey("delayed"));
    assertThat(m.push(JOB, "x", queue, JobOptions.uniqueKey("delayed"))).isEqualTo(delayed);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(0, 1, 0));

    String reservedId = m.push(JOB, "r", queue, JobOptions.uniqueKey("reserved"));
    ReservedJob reserved = popOne(m);
    assertThat(reserved.id()).isEqualTo(reservedId);
    assertThat(m.push(JOB, "x", queue, JobOptions.uniqueKey("reserved"))).isEqualTo(reservedId);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(0, 1, 1));

    connector(m).delete(reserved);
    String next = m.push(JOB, "y", queue, JobOptions.uniqueKey("reserved"));
    assertThat(next)
        .as("the key is free once the reserved job was deleted")
        .isNotEqualTo(reservedId);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(1, 1, 0));
  }

  @Test
  void concurrentPushesOfOneKeyWriteOneJob() throws Exception {
    int threads = 8;
    int keys = 50;
    List<QueueManager> managers = List.of(manager(), manager());
    Map<Integer, Set<String>> idsPerKey = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        QueueManager m = managers.get(t % managers.size());
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < keys; k++) {
                    String id = m.push(JOB, "k" + k, queue, JobOptions.uniqueKey("key-" + k));
                    idsPerKey.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(id);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(idsPerKey).hasSize(keys);
    assertThat(idsPerKey.values())
        .as("distinct ids returned per key")
        .allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat(managers.get(0).size(queue)).isEqualTo(new QueueSize(keys, 0, 0));
  }

  // ------------------------------------------------------------------------- how a job ends

  @Test
  void aRunningJobHoldsItsKeyAndFreesItOnceDeleted() {
    QueueManager m = manager();
    List<String> pushedWhileRunning = new CopyOnWriteArrayList<>();
    handler =
        (job, data) ->
            pushedWhileRunning.add(m.push(JOB, "again", queue, JobOptions.uniqueKey("run")));
    String id = m.push(JOB, "once", queue, JobOptions.uniqueKey("run"));
    Worker w = worker(m, 3);

    assertThat(w.runOnce()).isTrue();
    assertThat(pushedWhileRunning).as("a push of the key while it runs").containsExactly(id);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(0, 0, 0));
    String next = m.push(JOB, "next", queue, JobOptions.uniqueKey("run"));
    assertThat(next).as("the key is free once the job was deleted").isNotEqualTo(id);
    assertThat(m.size(queue).total()).isEqualTo(1);
  }

  @Test
  void processingModeFreesTheKeyWhenTheAttemptStarts() {
    QueueManager m = manager();
    JobOptions options = JobOptions.uniqueKey("start").withUniqueUntil(UniqueUntil.PROCESSING);
    List<String> pushedWhileRunning = new CopyOnWriteArrayList<>();
    handler =
        (job, data) -> {
          if (data.equals("first")) {
            pushedWhileRunning.add(m.push(JOB, "second", queue, options));
          }
        };
    String first = m.push(JOB, "first", queue, options);
    assertThat(m.push(JOB, "x", queue, options)).as("held until it starts").isEqualTo(first);
    Worker w = worker(m, 3);

    assertThat(w.runOnce()).isTrue();
    assertThat(pushedWhileRunning).hasSize(1);
    String second = pushedWhileRunning.get(0);
    assertThat(second).as("a push of the key once it started writes a job").isNotEqualTo(first);
    assertThat(m.size(queue)).isEqualTo(new QueueSize(1, 0, 0));
    assertThat(m.push(JOB, "x", queue, options)).as("the new job holds the key").isEqualTo(second);
    // The first job's delete must not free the second job's key, nor the second's start the
    // first's.
    assertThat(w.runOnce()).isTrue();
    assertThat(ranData).containsExactly("first", "second");
    assertThat(m.push(JOB, "third", queue, options)).isNotEqualTo(second);
  }

  @Test
  void aJobReleasedForARetryKeepsItsKeyAndFreesItWhenTheLastTryFails() {
    QueueManager m = manager();
    handler =
        (job, data) -> {
          throw new IllegalStateException("always fails");
        };
    m.push(JOB, "fails", queue, JobOptions.uniqueKey("retry"));
    Worker w = worker(m, 2);

    assertThat(w.runOnce()).isTrue();
    assertThat(m.size(queue).total()).as("released for its second try").isEqualTo(1);
    String held = m.push(JOB, "x", queue, JobOptions.uniqueKey("retry"));
    assertThat(m.size(queue).total()).isEqualTo(1);

    assertThat(w.runOnce()).isTrue();
    assertThat(ranIds).hasSize(2);
    assertThat(held).as("the id the push returned is the released job's").isEqualTo(ranIds.get(1));
    assertThat(m.failed().count()).isEqualTo(1);
    assertThat(m.size(queue).total()).isZero();
    m.push(JOB, "after", queue, JobOptions.uniqueKey("retry"));
    assertThat(m.size(queue).total()).as("the key is free once the job failed").isEqualTo(1);
  }

  @Test
  void aJobFailedForHavingNoTriesLeftFreesItsKey() {
    QueueManager m = manager(SHORT_RETRY_AFTER);
    String id = m.push(JOB, "abandoned", queue, JobOptions.uniqueKey("tries"));
    // Attempt 1 is reserved by a worker that dies: nothing deletes or releases it.
    assertThat(popOne(m).id()).isEqualTo(id);
    Worker w = worker(m, 1);

    awaitOnStoreClock("the expired reservation is taken again and failed", w::runOnce);
    assertThat(ranIds).as("attempt 2 of 1 never reaches the handler").isEmpty();
    assertThat(m.failed().count()).isEqualTo(1);
    assertThat(m.size(queue).total()).isZero();
    assertThat(m.push(JOB, "after", queue, JobOptions.uniqueKey("tries"))).isNotEqualTo(id);
    assertThat(m.size(queue).total()).isEqualTo(1);
  }

  @Test
  void aFailedJobRetriedFromTheStoreFreesNoOtherJobsKey() {
    QueueManager m = manager();
    handler =
        (job, data) -> {
          if (data.equals("fails")) {
            throw new IllegalStateException("fails");
          }
        };
    Worker w = worker(m, 1);
    m.push(JOB, "fails", queue, JobOptions.uniqueKey("retried"));
    assertThat(w.runOnce()).isTrue();
    FailedJob failed = m.failed().list(0, 10).get(0);

    // The retried job is pushed as it was, without taking the key again; a new push takes it.
    assertThat(m.failed().retry(failed.id())).isPresent();
    String holder = m.push(JOB, "holds", queue, JobOptions.uniqueKey("retried"));
    assertThat(m.size(queue).total()).isEqualTo(2);

    assertThat(w.runOnce()).isTrue();
    assertThat(ranData).containsExactly("fails", "fails");
    assertThat(m.push(JOB, "x", queue, JobOptions.uniqueKey("retried")))
        .as("the retried job's end left the holder's key alone")
        .isEqualTo(holder);
    assertThat(w.runOnce()).isTrue();
    assertThat(ranData).containsExactly("fails", "fails", "holds");
    assertThat(m.push(JOB, "y", queue, JobOptions.uniqueKey("retried"))).isNotEqualTo(holder);
  }

  @Test
  void uniqueForBoundsHowLongTheKeyIsHeld() {
    QueueManager m = manager();
    JobOptions options = JobOptions.uniqueKey("ttl").withUniqueFor(Duration.ofSeconds(1));
    Instant start = time.now();
    String first = m.push(JOB, "first", queue, options);
    assertThat(m.push(JOB, "x", queue, options)).isEqualTo(first);

    String[] next = new String[1];
    awaitOnStoreClock(
        "a push after uniqueFor writes a job",
        () -> {
          next[0] = m.push(JOB, "after", queue, options);
          return !next[0].equals(first);
        });
    assertThat(Duration.between(start, time.now()))
        .as("the key was held at least uniqueFor")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(m.size(queue).total()).as("the first job still exists").isEqualTo(2);
    assertThat(m.push(JOB, "y", queue, options)).as("the new job holds the key").isEqualTo(next[0]);
  }

  // ---------------------------------------------------------------------------- transactions

  @Test
  void aUniquePushInARolledBackTransactionLeavesNoKey() throws SQLException {
    assumeTrue(transactional, "capability transactional not declared");
    QueueManager m = manager();
    QueueConnection conn = m.connection();
    try (Connection c = openConnection()) {
      c.setAutoCommit(false);
      String id = conn.push(c, JOB, "rolled back", queue, JobOptions.uniqueKey("tx"));
      assertThat(conn.push(c, JOB, "again", queue, JobOptions.uniqueKey("tx")))
          .as("a second push in the same transaction")
          .isEqualTo(id);
      c.rollback();
    }
    assertThat(m.size(queue).total()).isZero();
    m.push(JOB, "after", queue, JobOptions.uniqueKey("tx"));
    assertThat(m.size(queue).total()).as("the key was not left taken").isEqualTo(1);
    assertThat(Payload.parse(popOne(m).rawBody()).data().asText()).isEqualTo("after");
  }

  @Test
  void aUniquePushInACommittedTransactionHoldsTheKey() throws SQLException {
    assumeTrue(transactional, "capability transactional not declared");
    QueueManager m = manager();
    String id;
    try (Connection c = openConnection()) {
      c.setAutoCommit(false);
      id = m.connection().push(c, JOB, "committed", queue, JobOptions.uniqueKey("tx"));
      c.commit();
    }
    assertThat(m.push(JOB, "x", queue, JobOptions.uniqueKey("tx"))).isEqualTo(id);
    assertThat(m.size(queue).total()).isEqualTo(1);
  }

  @Test
  void capabilitiesAreWhatTheFlagsDeclare() {
    Connector c = track(createConnector(LONG_RETRY_AFTER));
    assertThat(c).isInstanceOf(UniquePush.class);
    assertThat(c instanceof TransactionalUniquePush)
        .as("implements TransactionalUniquePush")
        .isEqualTo(transactional);
  }

  // ------------------------------------------------------------------------------- helpers

  private String queue() {
    String q = newQueueName();
    queues.add(q);
    return q;
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private QueueManager manager() {
    return manager(LONG_RETRY_AFTER);
  }

  private QueueManager manager(Duration retryAfter) {
    JobRegistry registry =
        new JobRegistry()
            .register(
                JOB,
                String.class,
                (job, data) -> {
                  ranIds.add(job.getId());
                  ranData.add(data);
                  handler.run(job, data);
                  job.delete();
                });
    return track(
        QueueManager.builder()
            .connection("unique-contract", track(createConnector(retryAfter)))
            .registry(registry)
            .failedJobStore(new MemoryFailedJobStore())
            .build());
  }

  private static Connector connector(QueueManager m) {
    return m.connection().connector();
  }

  private Worker worker(QueueManager m, int tries) {
    return track(
        Worker.builder()
            .manager(m)
            .queues(queue)
            .threads(1)
            .tries(tries)
            .delay(Duration.ZERO)
            .sleep(Duration.ofMillis(100))
            .stopGrace(Duration.ofSeconds(2))
            .build());
  }

  /** Reserves the next job of the test's queue, as a worker would. */
  private ReservedJob popOne(QueueManager m) {
    List<ReservedJob> jobs = connector(m).pop(queue, 1);
    assertThat(jobs).as("a job to reserve in %s", queue).hasSize(1);
    return jobs.get(0);
  }

  /** Lets time pass on the store in short steps until {@code condition} holds, with a bound. */
  private void awaitOnStoreClock(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("Timed out after " + TIMEOUT_WAIT + ": " + what);
      }
      time.advance(STEP);
    }
  }
}
