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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.worker.Worker;

/**
 * What workers on one store guarantee together, checked through the public {@link Worker} API
 * against the real backing store: several workers never run a job twice and lose none; the job of a
 * worker that died mid-job comes back after the reservation timeout with attempts + 1; a job whose
 * lease its worker keeps extending is not run a second time, however long it takes; a restart
 * signal stops a running worker. A driver test subclasses it once per backend, like db-scheduler's
 * {@code ClusterTests}.
 *
 * <p>Runs on real time: a worker extends its leases on its own schedule, so a store clock moved by
 * the test would either expire live leases in one jump or never expire dead ones. Each worker gets
 * its own connector (its own machine) from {@link #createConnector(Duration)} and a failed-job
 * store of its own.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class WorkerContract {
  /** The reservation timeout of the expiry tests: the shortest every connector accepts. */
  protected static final Duration SHORT_RETRY_AFTER = Connector.MIN_RETRY_AFTER;

  /**
   * The lease of the long-job test. Longer than the minimum: on a whole-second store a lease lasts
   * at least {@code retryAfter - 1 s}, and a worker extends it every third of that, so 3 s survives
   * a stall of over a second.
   */
  private static final Duration LONG_JOB_LEASE = Duration.ofSeconds(3);

  private final int contentionJobs;
  private final boolean extendsReservations;
  private final boolean signalsRestart;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

  /**
   * @param contentionJobs how many jobs the two workers of the contention test share (2,000 keeps
   *     an embedded store in seconds; the server drivers use 10,000)
   * @param extendsReservations whether connectors implement {@link ExtendsReservations} (a long job
   *     is then not run twice)
   * @param signalsRestart whether connectors implement {@link RestartSignal}
   */
  protected WorkerContract(
      int contentionJobs, boolean extendsReservations, boolean signalsRestart) {
    if (contentionJobs < 2) {
      throw new IllegalArgumentException(
          "contentionJobs must be at least 2, was " + contentionJobs);
    }
    this.contentionJobs = contentionJobs;
    this.extendsReservations = extendsReservations;
    this.signalsRestart = signalsRestart;
  }

  /**
   * A new connector of the driver under test on the test's store with the given reservation
   * timeout. Several are open at once, as separate worker machines; the contract closes them.
   * Called on the test thread during a test; the contract wraps some of them so that it can kill
   * their machine mid-job.
   *
   * @param retryAfter the reservation timeout the connector applies; never null here
   * @return a new, open connector on the store every other connector of the test uses
   */
  protected abstract Connector createConnector(Duration retryAfter);

  /**
   * A queue name unique to the test. Override to shape it (a Redis Cluster hash tag, say). Called
   * on the test thread at the start of each test.
   *
   * @return a valid queue name no other test uses
   */
  protected String newQueueName() {
    return "worker-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Runs after every worker, manager and connector of the test is closed: drop tables, delete keys.
   * Called on the test thread after each test, even a failed one; does nothing by default.
   *
   * @throws Exception if cleaning up fails; JUnit reports it against the test
   */
  protected void cleanUp() throws Exception {}

  @AfterEach
  void closeEverything() throws Exception {
    gates.forEach(CountDownLatch::countDown);
    try {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (RuntimeException e) {
          // a connector killed on purpose, or already closed
        }
      }
      closeables.clear();
    } finally {
      cleanUp();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private CountDownLatch gate() {
    CountDownLatch g = new CountDownLatch(1);
    gates.add(g);
    return g;
  }

  private QueueManager manager(Connector connector, JobRegistry registry) {
    return track(
        QueueManager.builder()
            .connection("worker-contract", connector)
            .registry(registry)
            .failedJobStore(new MemoryFailedJobStore())
            .build());
  }

  private Worker worker(QueueManager manager, String queue, int threads) {
    return track(
        Worker.builder()
            .manager(manager)
            .queues(queue)
            .threads(threads)
            .sleep(Duration.ofMillis(100))
            .stopGrace(Duration.ofSeconds(2))
            .build());
  }

  @Test
  void twoWorkersRunEachJobExactlyOnce() {
    String queue = newQueueName();
    AtomicIntegerArray runs = new AtomicIntegerArray(contentionJobs);
    List<QueueManager> managers = new ArrayList<>();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JobRegistry registry =
          new JobRegistry().handle("Count", Integer.class, runs::incrementAndGet);
      QueueManager m = manager(track(createConnector(Duration.ofSeconds(60))), registry);
      managers.add(m);
      workers.add(worker(m, queue, 4));
    }
    workers.forEach(Worker::start);
    List<String> ids =
        managers.get(0).bulk("Count", IntStream.range(0, contentionJobs).boxed().toList(), queue);
    assertThat(new HashSet<>(ids)).hasSize(contentionJobs);

    // About exactly-once, not speed: the bound leaves room for a busy 2-core machine.
    await()
        .atMost(Duration.ofSeconds(200))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                workers.get(0).processedJobs() + workers.get(1).processedJobs() >= contentionJobs
                    && managers.get(0).size(queue).total() == 0);
    workers.forEach(Worker::close);

    List<Integer> notOnce =
        IntStream.range(0, contentionJobs).filter(i -> runs.get(i) != 1).boxed().toList();
    assertThat(notOnce).as("jobs not run exactly once").isEmpty();
    assertThat(workers.get(0).processedJobs() + workers.get(1).processedJobs())
        .isEqualTo(contentionJobs);
    assertThat(workers)
        .allSatisfy(w -> assertThat(w.processedJobs()).as("both workers took part").isPositive());
    assertThat(managers.get(0).size(queue)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(managers).allSatisfy(m -> assertThat(m.failed().count()).as("failed jobs").isZero());
  }

  @Test
  void theJobOfAWorkerThatDiedMidJobComesBackWithAttemptsPlusOne() throws Exception {
    String queue = newQueueName();
    KillableConnector dying = new KillableConnector(track(createConnector(SHORT_RETRY_AFTER)));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    List<Integer> firstAttempts = new CopyOnWriteArrayList<>();
    List<String> firstIds = new CopyOnWriteArrayList<>();
    QueueManager first =
        manager(
            dying.connector(),
            new JobRegistry()
                .register(
                    "Block",
                    String.class,
                    (job, d) -> {
                      firstAttempts.add(job.attempts());
                      firstIds.add(job.getId());
                      started.countDown();
                      gate.await();
                    }));
    worker(first, queue, 1).start();
    first.push("Block", "x", queue);
    assertThat(started.await(30, TimeUnit.SECONDS)).as("the first worker started the job").isTrue();

    // The machine dies: nothing acks, releases or extends the reservation any more.
    dying.kill();

    List<Integer> secondAttempts = new CopyOnWriteArrayList<>();
    List<String> secondIds = new CopyOnWriteArrayList<>();
    QueueManager second =
        manager(
            track(createConnector(SHORT_RETRY_AFTER)),
            new JobRegistry()
                .register(
                    "Block",
                    String.class,
                    (job, d) -> {
                      secondAttempts.add(job.attempts());
                      secondIds.add(job.getId());
                      job.delete();
                    }));
    worker(second, queue, 1).start();

    await()
        .atMost(SHORT_RETRY_AFTER.multipliedBy(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !secondAttempts.isEmpty());
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> second.size(queue).total() == 0);
    assertThat(firstAttempts).containsExactly(1);
    assertThat(secondAttempts).as("attempts of the redelivered job").containsExactly(2);
    assertThat(secondIds).as("an expired reservation keeps its id").isEqualTo(firstIds);
    assertThat(second.failed().count()).isZero();
  }

  @Test
  void aLongJobWhoseLeaseIsExtendedIsNotRunTwice() throws Exception {
    assumeTrue(extendsReservations, "capability extendsReservations not declared");
    String queue = newQueueName();
    AtomicInteger firstRuns = new AtomicInteger();
    AtomicInteger secondRuns = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    QueueManager first =
        manager(
            track(createConnector(LONG_JOB_LEASE)),
            new JobRegistry()
                .handle(
                    "Slow",
                    String.class,
                    d -> {
                      firstRuns.incrementAndGet();
                      started.countDown();
                      // The job's work, not synchronisation: it outlives its lease two and a half
                      // times over.
                      Thread.sleep(LONG_JOB_LEASE.multipliedBy(5).dividedBy(2).toMillis());
                      done.countDown();
                    }));
    QueueManager second =
        manager(
            track(createConnector(LONG_JOB_LEASE)),
            new JobRegistry().handle("Slow", String.class, d -> secondRuns.incrementAndGet()));
    worker(first, queue, 1).start();
    first.push("Slow", "x", queue);
    assertThat(started.await(30, TimeUnit.SECONDS)).as("the first worker started the job").isTrue();
    worker(second, queue, 2).start();

    assertThat(done.await(60, TimeUnit.SECONDS)).as("the long job finished").isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> first.size(queue).total() == 0);
    assertThat(firstRuns).hasValue(1);
    assertThat(secondRuns).as("runs by the second worker, which polled all along").hasValue(0);
  }

  @Test
  void aRestartSignalStopsARunningWorker() throws Exception {
    assumeTrue(signalsRestart, "capability signalsRestart not declared");
    String queue = newQueueName();
    List<String> runs = new CopyOnWriteArrayList<>();
    QueueManager m =
        manager(
            track(createConnector(Duration.ofSeconds(60))),
            new JobRegistry().handle("Work", String.class, runs::add));
    Worker w = worker(m, queue, 1);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                exit.complete(w.run());
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            },
            "worker-contract-run");
    runner.setDaemon(true);
    runner.start();
    m.push("Work", "x", queue);
    // Once the job ran, the worker has read its restart baseline and is in its loop.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> runs.contains("x"));
    assertThat(exit).isNotDone();

    // From another machine, as `php think queue:restart` would.
    Connector other = track(createConnector(Duration.ofSeconds(60)));
    ((RestartSignal) other).signalRestart();

    assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit status").isEqualTo(Worker.EXIT_OK);
  }

  @Test
  void capabilitiesAreWhatTheFlagsDeclare() {
    Connector c = track(createConnector(Duration.ofSeconds(60)));
    assertThat(c instanceof ExtendsReservations)
        .as("implements ExtendsReservations")
        .isEqualTo(extendsReservations);
    assertThat(c instanceof RestartSignal).as("implements RestartSignal").isEqualTo(signalsRestart);
  }
}
