package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;
import redis.clients.jedis.util.SafeEncoder;

/** Workers against real Redis: contention, dead workers, lost connections, long jobs, the restart signal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisWorkerIT extends RedisQueueFixture {
  private static final WireFormat F = WireFormat.V3;
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

  @AfterEach
  void openGates() {
    gates.forEach(CountDownLatch::countDown);
  }

  private CountDownLatch gate() {
    CountDownLatch g = new CountDownLatch(1);
    gates.add(g);
    return g;
  }

  @Test
  void twoWorkersRunTenThousandJobsExactlyOnce() {
    String q = queue("contention");
    int jobs = 10_000;
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    List<QueueManager> managers = new ArrayList<>();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JobRegistry registry = new JobRegistry()
          .handle("Count", Integer.class, n -> runs.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet());
      QueueManager m = manager(connector(F, RedisConnector.DEFAULT_RETRY_AFTER), registry);
      managers.add(m);
      workers.add(build(worker(m, q).threads(4)));
    }
    workers.forEach(Worker::start);

    managers.get(0).bulk("Count", IntStream.range(0, jobs).boxed().collect(Collectors.toList()), q);

    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100)).until(() ->
        workers.get(0).processedJobs() + workers.get(1).processedJobs() >= jobs
            && sizeOf(F, q).equals(new QueueSize(0, 0, 0)));
    assertThat(runs).hasSize(jobs);
    assertThat(runs.entrySet()).filteredOn(e -> e.getValue().get() != 1).isEmpty();
    assertThat(runs.keySet()).isEqualTo(IntStream.range(0, jobs).boxed().collect(Collectors.toSet()));
    assertThat(workers.get(0).processedJobs() + workers.get(1).processedJobs()).isEqualTo(jobs);
    assertThat(workers).allSatisfy(w -> assertThat(w.processedJobs()).as("both workers took jobs").isPositive());
    assertThat(managers.get(0).failed().count() + managers.get(1).failed().count()).isZero();
  }

  @Test
  void jobOfAWorkerThatDiedMidJobReturnsAfterRetryAfterWithAttemptsPlusOne() throws Exception {
    String q = queue("dead-worker");
    Duration retryAfter = Connector.MIN_RETRY_AFTER;
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    List<Integer> firstAttempts = new CopyOnWriteArrayList<>();
    List<String> firstIds = new CopyOnWriteArrayList<>();
    RedisConnector dying = connector(F, retryAfter);
    QueueManager m1 = manager(dying, new JobRegistry().register("Block", String.class, (job, data) -> {
      firstAttempts.add(job.attempts());
      firstIds.add(job.getId());
      started.countDown();
      gate.await();
    }));
    Worker w1 = build(worker(m1, q));
    w1.start();
    String id = m1.push("Block", "x", q);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    // The process "dies": its connections go away, nothing acks or extends the reservation any more.
    dying.close();

    List<Integer> secondAttempts = new CopyOnWriteArrayList<>();
    List<String> secondIds = new CopyOnWriteArrayList<>();
    QueueManager m2 = manager(connector(F, retryAfter), new JobRegistry().register("Block", String.class,
        (job, data) -> {
          secondAttempts.add(job.attempts());
          secondIds.add(job.getId());
          job.delete();
        }));
    long before = System.nanoTime();
    build(worker(m2, q)).start();

    await().atMost(Duration.ofSeconds(15)).until(() -> !secondAttempts.isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(retryAfter.multipliedBy(5));
    assertThat(firstAttempts).containsExactly(1);
    assertThat(secondAttempts).containsExactly(2);
    assertThat(firstIds).containsExactly(id);
    assertThat(secondIds).containsExactly(id);
    await().atMost(Duration.ofSeconds(5)).until(() -> sizeOf(F, q).equals(new QueueSize(0, 0, 0)));
  }

  @Test
  void killedConnectionsDoNotKillTheWorkerWhichReconnectsAndGoesOn() throws Exception {
    String q = queue("killed-conns");
    String clientName = "tq-it-" + UUID.randomUUID().toString().substring(0, 8);
    RedisClient named = track(namedClient(clientName));
    RedisConnector connector = track(RedisConnector.builder().client(named).retryAfter(Duration.ofSeconds(2))
        .blockFor(Duration.ofMillis(500)).build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    List<String> runs = new CopyOnWriteArrayList<>();
    QueueManager m = manager(connector, new JobRegistry().handle("Work", String.class, data -> {
      if (data.equals("first") && started.getCount() > 0) {
        started.countDown();
        gate.await();
      }
      runs.add(data);
    }));
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ThreadFactory base = Executors.defaultThreadFactory();
    ThreadFactory recording = r -> {
      Thread t = base.newThread(r);
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((th, e) -> uncaught.add(e));
      return t;
    };
    AtomicReference<Thread> pollThread = new AtomicReference<>();
    Worker w = build(worker(m, q).threads(2).threadFactory(recording).listener(new WorkerListener() {
      @Override
      public void onWorkerStarted(WorkerStarted event) {
        pollThread.set(Thread.currentThread());
      }
    }));
    w.start();
    // A separate producer: the worker's own pool is the one that gets its connections killed.
    QueueManager producer = manager(connector(F, RedisConnector.DEFAULT_RETRY_AFTER), null);
    producer.push("Work", "first", q);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    List<String> killed = killClientsNamed(clientName);
    assertThat(killed).as("connections of the worker's pool that were killed").isNotEmpty();
    gate.countDown();
    producer.push("Work", "second", q);

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> runs.contains("second") && sizeOf(F, q).equals(new QueueSize(0, 0, 0)));
    assertThat(runs).containsExactlyInAnyOrder("first", "second");
    assertThat(pollThread.get().isAlive()).isTrue();
    assertThat(w.isStopping()).isFalse();
    assertThat(uncaught).isEmpty();
    assertThat(clientIdsNamed(clientName)).as("the pool reconnected").isNotEmpty().doesNotContainAnyElementsOf(killed);
  }

  @Test
  void anAckRightAfterTheConnectionsWereKilledStillDeletesTheJob() throws Exception {
    String q = queue("ack-after-kill");
    String clientName = "tq-it-" + UUID.randomUUID().toString().substring(0, 8);
    RedisConnector connector = track(RedisConnector.builder().client(track(namedClient(clientName))).build());
    QueueManager m = manager(connector, null);
    m.push("Work", "x", q);
    ReservedJob job = connector.pop(q, 1).get(0);
    // Several pooled connections, idle when the server drops them (a restart, a failover, a network blip).
    List<CompletableFuture<Void>> users = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      users.add(CompletableFuture.runAsync(() -> IntStream.range(0, 50).forEach(n -> connector.size(q))));
    }
    CompletableFuture.allOf(users.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(killClientsNamed(clientName)).isNotEmpty();

    // Failing here would leave the finished job reserved, to run a second time after retryAfter.
    connector.delete(job);

    assertThat(sizeOf(F, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void jobRunningThreeTimesRetryAfterIsNotRunTwiceWhileItsWorkerLives() throws Exception {
    String q = queue("long-job");
    Duration retryAfter = Connector.MIN_RETRY_AFTER;
    AtomicInteger firstRuns = new AtomicInteger();
    AtomicInteger secondRuns = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    QueueManager m1 = manager(connector(F, retryAfter), new JobRegistry().handle("Slow", String.class, data -> {
      firstRuns.incrementAndGet();
      started.countDown();
      Thread.sleep(retryAfter.multipliedBy(7).dividedBy(2).toMillis()); // the point of the test: 3.5 x retryAfter
      done.countDown();
    }));
    QueueManager m2 = manager(connector(F, retryAfter), new JobRegistry().handle("Slow", String.class,
        data -> secondRuns.incrementAndGet()));
    build(worker(m1, q)).start();
    m1.push("Slow", "x", q);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    build(worker(m2, q).threads(2)).start();

    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> sizeOf(F, q).equals(new QueueSize(0, 0, 0)));
    assertThat(firstRuns).hasValue(1);
    assertThat(secondRuns).as("the second worker never received the job").hasValue(0);
  }

  @Test
  void signalRestartStopsARunningWorker() throws Exception {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    String restartKey = key(prefix + "think:queue:restart");
    RedisConnector connector = track(connectorBuilder(F, RedisConnector.DEFAULT_RETRY_AFTER).prefix(prefix).build());
    assertThat(connector.restartKey()).isEqualTo(restartKey);
    String q = queue("restart");
    List<String> runs = new CopyOnWriteArrayList<>();
    QueueManager m = manager(connector, new JobRegistry().handle("Work", String.class, runs::add));
    CompletableFuture<Integer> exit = runAsync(build(worker(m, q)));
    m.push("Work", "x", q);
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.contains("x"));
    assertThat(exit).isNotDone();

    connector.signalRestart();

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    assertThat(admin.get(restartKey)).matches("\\d{10}");
  }

  @Test
  void aRestartSignalSetAsPhpDoesStopsARunningWorker() throws Exception {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    String restartKey = key(prefix + "think:queue:restart");
    admin.set(restartKey, "1700000000"); // an earlier `php think queue:restart`: must not stop a worker that starts now
    RedisConnector connector = track(connectorBuilder(F, RedisConnector.DEFAULT_RETRY_AFTER).prefix(prefix).build());
    String q = queue("restart-php");
    List<String> runs = new CopyOnWriteArrayList<>();
    QueueManager m = manager(connector, new JobRegistry().handle("Work", String.class, runs::add));
    CompletableFuture<Integer> exit = runAsync(build(worker(m, q)));
    m.push("Work", "x", q);
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.contains("x"));
    assertThat(exit).isNotDone();

    admin.set(restartKey, Long.toString(System.currentTimeMillis() / 1000));

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
  }

  private static CompletableFuture<Integer> runAsync(Worker w) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        exit.complete(w.run());
      } catch (Throwable e) {
        exit.completeExceptionally(e);
      }
    }, "it-worker-run");
    t.setDaemon(true);
    t.start();
    return exit;
  }

  private static RedisClient namedClient(String name) {
    java.net.URI u = uri();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().clientName(name)
        .socketTimeoutMillis(2_000).blockingSocketTimeoutMillis(5_000);
    if (JedisURIHelper.hasDbIndex(u)) {
      config.database(JedisURIHelper.getDBIndex(u));
    }
    if (JedisURIHelper.getPassword(u) != null) {
      config.user(JedisURIHelper.getUser(u)).password(JedisURIHelper.getPassword(u));
    }
    return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(u)).clientConfig(config.build()).build();
  }

  /** Ids of the server's clients with this name (from CLIENT LIST). */
  @SuppressWarnings("deprecation") // sendCommand: UnifiedJedis has no CLIENT LIST/KILL of its own
  private List<String> clientIdsNamed(String name) {
    String list = SafeEncoder.encode((byte[]) admin.sendCommand(Protocol.Command.CLIENT, "LIST"));
    List<String> ids = new ArrayList<>();
    for (String line : list.split("\n")) {
      if ((" " + line.trim() + " ").contains(" name=" + name + " ")) {
        for (String field : line.trim().split(" ")) {
          if (field.startsWith("id=")) {
            ids.add(field.substring(3));
          }
        }
      }
    }
    return ids;
  }

  /**
   * Kills only this test's connections (by id), not {@code CLIENT KILL TYPE normal}: other suites share the server.
   */
  @SuppressWarnings("deprecation")
  private List<String> killClientsNamed(String name) {
    List<String> ids = clientIdsNamed(name);
    for (String id : ids) {
      admin.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
    }
    return ids;
  }
}
