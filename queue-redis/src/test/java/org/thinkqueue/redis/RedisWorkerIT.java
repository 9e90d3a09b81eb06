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
package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Workers against real Redis, what is particular to it: killed connections, an ack right after a
 * kill, the restart signal as PHP writes it. Contention, dead workers, long jobs and stopping on a
 * restart are in {@link RedisWorkerContractIT}.
 */
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
  void killedConnectionsDoNotKillTheWorkerWhichReconnectsAndGoesOn() throws Exception {
    String q = queue("killed-conns");
    String clientName = "tq-it-" + UUID.randomUUID().toString().substring(0, 8);
    UnifiedJedis named = track(namedClient(clientName));
    RedisConnector connector =
        track(
            RedisConnector.builder()
                .client(named)
                .retryAfter(Duration.ofSeconds(2))
                .blockFor(Duration.ofMillis(500))
                .build());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    List<String> runs = new CopyOnWriteArrayList<>();
    QueueManager m =
        manager(
            connector,
            new JobRegistry()
                .handle(
                    "Work",
                    String.class,
                    data -> {
                      if (data.equals("first") && started.getCount() > 0) {
                        started.countDown();
                        gate.await();
                      }
                      runs.add(data);
                    }));
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ThreadFactory base = Executors.defaultThreadFactory();
    ThreadFactory recording =
        r -> {
          Thread t = base.newThread(r);
          t.setDaemon(true);
          t.setUncaughtExceptionHandler((th, e) -> uncaught.add(e));
          return t;
        };
    AtomicReference<Thread> pollThread = new AtomicReference<>();
    Worker w =
        build(
            worker(m, q)
                .threads(2)
                .threadFactory(recording)
                .listener(
                    new WorkerListener() {
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

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.contains("second") && sizeOf(F, q).equals(new QueueSize(0, 0, 0)));
    assertThat(runs).containsExactlyInAnyOrder("first", "second");
    assertThat(pollThread.get().isAlive()).isTrue();
    assertThat(w.isStopping()).isFalse();
    assertThat(uncaught).isEmpty();
    assertThat(clientIdsNamed(clientName))
        .as("the pool reconnected")
        .isNotEmpty()
        .doesNotContainAnyElementsOf(killed);
  }

  @Test
  void anAckRightAfterTheConnectionsWereKilledStillDeletesTheJob() throws Exception {
    String q = queue("ack-after-kill");
    String clientName = "tq-it-" + UUID.randomUUID().toString().substring(0, 8);
    RedisConnector connector =
        track(RedisConnector.builder().client(track(namedClient(clientName))).build());
    QueueManager m = manager(connector, null);
    m.push("Work", "x", q);
    ReservedJob job = connector.pop(q, 1).get(0);
    // Several pooled connections, idle when the server drops them (a restart, a failover, a network
    // blip).
    List<CompletableFuture<Void>> users = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      users.add(
          CompletableFuture.runAsync(() -> IntStream.range(0, 50).forEach(n -> connector.size(q))));
    }
    CompletableFuture.allOf(users.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(killClientsNamed(clientName)).isNotEmpty();

    // Failing here would leave the finished job reserved, to run a second time after retryAfter.
    connector.delete(job);

    assertThat(sizeOf(F, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  /**
   * How a running worker stops on the signal is in the WorkerContract; here, what the signal
   * writes.
   */
  @Test
  void signalRestartWritesUnixSecondsUnderThePrefixAsPhpDoes() {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    String restartKey = key(prefix + "think:queue:restart");
    RedisConnector connector =
        track(connectorBuilder(F, RedisConnector.DEFAULT_RETRY_AFTER).prefix(prefix).build());
    assertThat(connector.restartKey()).isEqualTo(restartKey);

    connector.signalRestart();

    assertThat(admin.get(restartKey)).matches("\\d{10}");
    assertThat(connector.lastRestart()).hasValue(admin.get(restartKey));
  }

  @Test
  void aRestartSignalSetAsPhpDoesStopsARunningWorker() throws Exception {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    String restartKey = key(prefix + "think:queue:restart");
    admin.set(
        restartKey,
        "1700000000"); // an earlier `php think queue:restart`: must not stop a worker that starts
    // now
    RedisConnector connector =
        track(connectorBuilder(F, RedisConnector.DEFAULT_RETRY_AFTER).prefix(prefix).build());
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
    Thread t =
        new Thread(
            () -> {
              try {
                exit.complete(w.run());
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            },
            "it-worker-run");
    t.setDaemon(true);
    t.start();
    return exit;
  }

  private static UnifiedJedis namedClient(String name) {
    return TestClients.standalone(uri(), name);
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
   * Kills only this test's connections (by id), not {@code CLIENT KILL TYPE normal}: other suites
   * share the server.
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
