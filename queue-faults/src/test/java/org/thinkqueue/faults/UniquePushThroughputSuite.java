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
package org.thinkqueue.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.worker.Worker;

/**
 * Issue #13's test of unique jobs: {@value #PROCESSES} producer JVMs ({@link UniquePushMain}) of
 * {@value #PUSH_THREADS} threads each push the same {@value #KEYS} unique keys at once; exactly
 * {@value #KEYS} jobs are written (every push of a key, in either process, returns the same id),
 * and once the same JVMs work the queue each job runs exactly once and every key is freed. Prints
 * its figures. Subclasses say which store.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
abstract class UniquePushThroughputSuite {
  static final int PROCESSES = 2;
  static final int PUSH_THREADS = 8;
  static final int KEYS = 1_000;
  static final int WORKER_THREADS = 4;

  private final String name;

  UniquePushThroughputSuite(String name) {
    this.name = name;
  }

  /** A backend on the shared server. */
  abstract Backend backend();

  /** Unique keys held on the backend's queue now, read raw. */
  abstract long heldKeys(Backend backend) throws Exception;

  /** Removes the unique keys a failed run may leave (tables go with the backend). */
  void dropKeys(Backend backend) throws Exception {}

  @Test
  void processesPushingTheSameKeysAtOnceWriteEachJobOnceAndEachRunsOnce() throws Exception {
    Path dir = Files.createTempDirectory("tq-unique-push");
    try (Backend backend = backend()) {
      try (ChildWorkers children =
          new ChildWorkers(dir, backend.target(), WORKER_THREADS, Duration.ofSeconds(60), 0)) {
        run(backend, children, dir);
      } finally {
        dropKeys(backend);
      }
    } finally {
      ChildWorkers.deleteQuietly(dir);
    }
  }

  private void run(Backend backend, ChildWorkers children, Path dir) throws Exception {
    List<ChildWorkers.Child> procs = new ArrayList<>();
    List<Path> pushLogs = new ArrayList<>();
    for (int i = 1; i <= PROCESSES; i++) {
      Path pushLog = Files.createFile(dir.resolve("push-" + i + ".log"));
      pushLogs.add(pushLog);
      procs.add(
          children.start(
              UniquePushMain.class,
              List.of(
                  pushLog.toString(),
                  Integer.toString(PUSH_THREADS),
                  Integer.toString(KEYS),
                  Integer.toString(WORKER_THREADS))));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> procs.stream().allMatch(children::ready));

    long pushStart = System.nanoTime();
    for (ChildWorkers.Child c : procs) {
      send(c, "go");
    }
    await()
        .atMost(Duration.ofSeconds(300))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> pushLogs.stream().allMatch(UniquePushThroughputSuite::ended));
    long pushWallMillis = (System.nanoTime() - pushStart) / 1_000_000;

    Map<Integer, Set<String>> idsPerKey = new HashMap<>();
    List<String> errors = new ArrayList<>();
    List<Long> pushMillis = new ArrayList<>();
    for (Path log : pushLogs) {
      for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
        if (line.startsWith("P ")) {
          String[] f = line.split(" ");
          idsPerKey.computeIfAbsent(Integer.parseInt(f[1]), k -> new HashSet<>()).add(f[2]);
        } else if (line.startsWith("X ")) {
          errors.add(line.substring(2));
        } else if (line.startsWith("T ")) {
          pushMillis.add(Long.parseLong(line.substring(2)));
        }
      }
    }
    long jobsWritten = backend.leftOver();
    long held = heldKeys(backend);
    assertThat(errors).as("pushes that threw").isEmpty();
    assertThat(idsPerKey).as("keys pushed").hasSize(KEYS);
    assertThat(idsPerKey.values())
        .as("distinct ids returned per key across both processes")
        .allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat(jobsWritten).as("jobs in the store").isEqualTo(KEYS);
    assertThat(held).as("keys held").isEqualTo(KEYS);

    long runStart = System.nanoTime();
    for (ChildWorkers.Child c : procs) {
      send(c, "work");
    }
    await()
        .atMost(Duration.ofSeconds(300))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> done(procs) == KEYS && backend.leftOver() == 0);
    long runWallMillis = (System.nanoTime() - runStart) / 1_000_000;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> heldKeys(backend) == 0);
    children.close();

    int[] starts = new int[KEYS];
    int[] perProcess = new int[PROCESSES];
    for (int p = 0; p < PROCESSES; p++) {
      RunLog log = procs.get(p).read(KEYS);
      for (int n = 0; n < KEYS; n++) {
        starts[n] += log.starts()[n];
        perProcess[p] += log.starts()[n];
      }
      assertThat(procs.get(p).process.exitValue())
          .as("%s exit status; output:%n%s", procs.get(p), children.output(procs.get(p)))
          .isIn(Worker.EXIT_OK, 143);
    }
    List<Integer> notOnce = new ArrayList<>();
    for (int n = 0; n < KEYS; n++) {
      if (starts[n] != 1) {
        notOnce.add(n);
      }
    }
    assertThat(notOnce).as("jobs not run exactly once").isEmpty();

    int pushes = PROCESSES * PUSH_THREADS * KEYS;
    long slowest = pushMillis.stream().mapToLong(Long::longValue).max().orElse(pushWallMillis);
    System.out.printf(
        "[unique] %s: %d processes x %d threads pushed %d keys each (%d pushes) in %d ms"
            + " (slowest process; %d ms from 'go' to both done, %.0f pushes/s): %d jobs written,"
            + " %d keys held; %d jobs run once each in %d ms (per process %s), 0 keys held after%n",
        name,
        PROCESSES,
        PUSH_THREADS,
        KEYS,
        pushes,
        slowest,
        pushWallMillis,
        pushes * 1000.0 / Math.max(1, slowest),
        jobsWritten,
        held,
        KEYS,
        runWallMillis,
        java.util.Arrays.toString(perProcess));
  }

  private static void send(ChildWorkers.Child child, String command) throws IOException {
    OutputStream in = child.process.getOutputStream();
    in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
  }

  private static boolean ended(Path pushLog) {
    try {
      return Files.readString(pushLog, StandardCharsets.US_ASCII).endsWith("E\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int done(List<ChildWorkers.Child> procs) {
    int n = 0;
    for (ChildWorkers.Child c : procs) {
      for (int d : c.read(KEYS).dones()) {
        n += d;
      }
    }
    return n;
  }
}
