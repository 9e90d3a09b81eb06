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
package org.thinkqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.thinkqueue.cli.QueueCliTest.jobLines;
import static org.thinkqueue.cli.QueueCliTest.tableRows;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.RestartSignal;

/**
 * Every CLI command against a real store, through {@link CliTestApp}: in this JVM for the short
 * commands, as child JVMs for {@code listen}, signals and {@code restart} across processes. One
 * subclass per backend.
 */
abstract class CliContract {
  private static final Duration CHILD_START = Duration.ofSeconds(30);

  private final boolean restartSignal;

  @TempDir Path tmp;

  /** A queue of this test alone. */
  String q;

  CliTestApp app;
  private final List<Process> children = new ArrayList<>();

  /**
   * @param restartSignal whether the backend's connector carries think-queue's restart signal
   */
  CliContract(boolean restartSignal) {
    this.restartSignal = restartSignal;
  }

  /** The options before the command that select this backend, e.g. {@code --redis URI --name N}. */
  protected abstract List<String> backendArgs();

  /** Removes what this test left in the store (its queues are {@link #q} and {@code q + "-2"}). */
  protected abstract void cleanUpBackend();

  @BeforeEach
  void openApp() {
    q = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    app = CliTestApp.open(backendArgs().toArray(String[]::new));
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (Process p : children) {
      // the workers a listen child started first: killing listen alone would leave them running
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    try {
      app.manager.failed().flush();
      cleanUpBackend();
    } finally {
      app.close();
    }
  }

  // ---- failed, retry, forget, flush ----

  @Test
  void aJobThatFailsIsListedByFailedAndRunsAgainAfterRetry() {
    String pushed = app.manager.push(CliTestApp.BOOM, Map.of(), q);

    Result work = cli("work", "--once", "--tries", "1", "--queue", q, "--sleep", "0");
    assertThat(work.code).as(work.toString()).isZero();
    assertThat(jobLines(work.out))
        .extracting(l -> l[1] + " " + l[0] + " " + l[2])
        .containsExactly("Processing " + pushed + " boom", "Failed " + pushed + " boom");

    Result failed = cli("failed");
    List<List<String>> rows = tableRows(failed.out);
    assertThat(rows.get(0)).containsExactly("ID", "Connection", "Queue", "Class", "Fail Time");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).subList(1, 4)).containsExactly(app.connectionName, q, "boom");
    String id = rows.get(1).get(0);

    Result retry = cli("retry", id);
    assertThat(retry.code).as(retry.toString()).isZero();
    assertThat(retry.out.strip())
        .isEqualTo("The failed job [" + id + "] has been pushed back onto the queue!");
    assertThat(size(q).ready()).isEqualTo(1);
    assertThat(cli("failed").out.strip()).isEqualTo("No failed jobs!");

    // attempts were reset: with two tries the first run after retry releases the job rather than
    // failing it
    Result again = cli("work", "--once", "--tries", "2", "--queue", q, "--sleep", "0");
    assertThat(jobLines(again.out)).extracting(l -> l[1]).containsExactly("Processing");
    assertThat(size(q).total())
        .isEqualTo(1); // released: ready on the database, due now in Redis's delayed set
    assertThat(size(q).reserved()).isZero();
    assertThat(app.manager.failed().count()).isZero();

    Result missing = cli("retry", id);
    assertThat(missing.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(missing.err.strip()).isEqualTo("Unable to find failed job with ID [" + id + "].");
  }

  @Test
  void forgetDeletesOneFailedJob() {
    app.manager.push(CliTestApp.BOOM, Map.of(), q);
    app.manager.push(CliTestApp.BOOM, Map.of(), q);
    assertThat(cli("work", "--max-jobs", "2", "--tries", "1", "--queue", q, "--sleep", "0.05").code)
        .isZero();
    List<List<String>> rows = tableRows(cli("failed").out);
    assertThat(rows).hasSize(3);
    String forgotten = rows.get(1).get(0);
    String kept = rows.get(2).get(0);

    Result forget = cli("forget", forgotten);
    assertThat(forget.code).isZero();
    assertThat(forget.out.strip()).isEqualTo("Failed job deleted successfully!");
    assertThat(tableRows(cli("failed").out)).extracting(r -> r.get(0)).containsExactly("ID", kept);

    Result again = cli("forget", forgotten);
    assertThat(again.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(again.err.strip()).isEqualTo("No failed job matches the given ID.");
  }

  @Test
  void retryAllAndFlush() {
    app.manager.push(CliTestApp.BOOM, Map.of(), q);
    app.manager.push(CliTestApp.BOOM, Map.of(), q + "-2");
    assertThat(
            cli(
                    "work",
                    "--max-jobs",
                    "2",
                    "--tries",
                    "1",
                    "--queue",
                    q + "," + q + "-2",
                    "--sleep",
                    "0.05")
                .code)
        .isZero();
    List<List<String>> rows = tableRows(cli("failed").out);
    assertThat(rows).extracting(r -> r.get(2)).containsExactlyInAnyOrder("Queue", q, q + "-2");

    Result retry = cli("retry", "all");
    assertThat(retry.code).isZero();
    assertThat(retry.out.lines())
        .containsExactlyInAnyOrder(
            "The failed job [" + rows.get(1).get(0) + "] has been pushed back onto the queue!",
            "The failed job [" + rows.get(2).get(0) + "] has been pushed back onto the queue!");
    assertThat(size(q).ready()).isEqualTo(1);
    assertThat(size(q + "-2").ready()).isEqualTo(1);

    assertThat(
            cli(
                    "work",
                    "--max-jobs",
                    "2",
                    "--tries",
                    "1",
                    "--queue",
                    q + "," + q + "-2",
                    "--sleep",
                    "0.05")
                .code)
        .isZero();
    assertThat(app.manager.failed().count()).isEqualTo(2);
    Result flush = cli("flush");
    assertThat(flush.code).isZero();
    assertThat(flush.out.strip()).isEqualTo("All failed jobs deleted successfully!");
    assertThat(cli("failed").out.strip()).isEqualTo("No failed jobs!");
  }

  // ---- size, work, restart ----

  @Test
  void sizeCountsReadyDelayedAndReservedJobs() {
    app.manager.push(CliTestApp.BOOM, Map.of(), q);
    app.manager.push(CliTestApp.BOOM, Map.of(), q);
    app.manager.later(300, CliTestApp.BOOM, Map.of(), q);
    app.manager.push(CliTestApp.BOOM, Map.of(), q + "-2");
    app.manager.push(CliTestApp.BOOM, Map.of(), q + "-2");
    assertThat(app.connector.pop(q + "-2", 1)).hasSize(1);

    Result r = cli("size", q, q + "-2");

    assertThat(r.code).as(r.toString()).isZero();
    assertThat(tableRows(r.out))
        .containsExactly(
            List.of("Queue", "Ready", "Delayed", "Reserved", "Total"),
            List.of(q, "2", "1", "0", "3"),
            List.of(q + "-2", "1", "0", "1", "2"));
  }

  @Test
  void workRunsJobsAndPrintsALinePerStep() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(app.manager.push(CliTestApp.SLEEPY, sleepy(0, "job" + i), q));
    }

    Result r = cli("work", "--max-jobs", "2", "--queue", q, "--sleep", "0.05");

    assertThat(r.code).as(r.toString()).isZero();
    assertThat(jobLines(r.out))
        .extracting(l -> l[1] + " " + l[0] + " " + l[2])
        .containsExactly(
            "Processing " + ids.get(0) + " sleepy", "Processed " + ids.get(0) + " sleepy",
            "Processing " + ids.get(1) + " sleepy", "Processed " + ids.get(1) + " sleepy");
    assertThat(tmp.resolve("job0/done")).exists();
    assertThat(tmp.resolve("job1/done")).exists();
    assertThat(tmp.resolve("job2/started")).doesNotExist();
    assertThat(size(q)).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void workOnAnUnknownConnectionNamesIt() {
    Result r = cli("work", "nosuch", "--once", "--sleep", "0");
    assertThat(r.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(r.err).contains("nosuch").doesNotContain("\tat ");
  }

  @Test
  void restartBroadcastsTheSignalThroughTheStore() {
    Result r = cli("restart");
    if (restartSignal) {
      assertThat(r.code).as(r.toString()).isZero();
      assertThat(r.out.strip()).isEqualTo("Broadcasting queue restart signal.");
      assertThat(((RestartSignal) app.connector).lastRestart()).isPresent();
    } else {
      assertThat(r.code).as(r.toString()).isEqualTo(QueueCli.EXIT_ERROR);
      assertThat(r.err).contains("'" + app.connectionName + "' has no restart signal");
    }
  }

  // ---- child JVMs ----

  @Test
  void listenStartsTheWorkerAgainAfterItExitsWithStatus12() throws Exception {
    Child listen =
        startHolding(
            8, "listen", "--queue", q, "--memory", "4", "--max-runs", "2", "--sleep", "0.2");

    assertThat(listen.process.waitFor(60, TimeUnit.SECONDS))
        .as("listen ended; output:%n%s", listen.output())
        .isTrue();

    String out = listen.output();
    assertThat(listen.process.exitValue()).as(out).isEqualTo(QueueCli.EXIT_MEMORY_LIMIT);
    List<String> runs = out.lines().filter(l -> l.contains("Worker exited with status")).toList();
    assertThat(runs).as(out).hasSize(2);
    assertThat(runs.get(0)).endsWith("] Worker exited with status 12; starting it again");
    assertThat(runs.get(1)).endsWith("] Worker exited with status 12");
    assertThat(out.lines().filter(l -> l.contains("Worker started: "))).as(out).hasSize(2);
  }

  @Test
  void listenPassesSigtermOnToItsWorkerAndStops() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("job"));
    app.manager.push(CliTestApp.SLEEPY, sleepy(1500, "job"), q);
    Child listen = start("listen", "--queue", q, "--sleep", "0.2");
    awaitFile(listen, dir.resolve("started"));

    listen.process.destroy();

    assertThat(listen.process.waitFor(30, TimeUnit.SECONDS)).as(listen.output()).isTrue();
    String out = listen.output();
    assertThat(listen.process.exitValue()).as(out).isZero();
    assertThat(out.lines().filter(l -> l.contains("Worker exited with status")))
        .as(out)
        .singleElement()
        .asString()
        .endsWith("] Worker exited with status 0");
    assertThat(dir.resolve("done")).as(out).exists();
    assertThat(size(q)).as(out).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void sigtermLetsTheRunningJobFinishAndExitsZero() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("job"));
    app.manager.push(CliTestApp.SLEEPY, sleepy(2000, "job"), q);
    Child work = start("work", "--queue", q, "--sleep", "0.2");
    awaitFile(work, dir.resolve("started"));

    work.process.destroy();

    assertThat(work.process.waitFor(30, TimeUnit.SECONDS)).as(work.output()).isTrue();
    assertThat(work.process.exitValue()).as(work.output()).isZero();
    assertThat(dir.resolve("done")).as(work.output()).exists();
    assertThat(size(q)).as("the job was deleted, not released").isEqualTo(new QueueSize(0, 0, 0));
    assertThat(jobLines(work.output()))
        .extracting(l -> l[1])
        .containsExactly("Processing", "Processed");
  }

  @Test
  void aSecondSigtermStopsAtOnceAndReleasesTheJob() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("job"));
    app.manager.push(CliTestApp.SLEEPY, sleepy(20_000, "job"), q);
    Child work = start("work", "--queue", q, "--sleep", "0.2");
    awaitFile(work, dir.resolve("started"));
    work.process.destroy();
    await().atMost(Duration.ofSeconds(10)).until(() -> work.output().contains("Received SIGTERM"));
    long second = System.nanoTime();

    work.process.destroy();

    assertThat(work.process.waitFor(30, TimeUnit.SECONDS)).as(work.output()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - second))
        .as(work.output())
        .isLessThan(Duration.ofSeconds(5));
    assertThat(work.process.exitValue()).as(work.output()).isZero();
    assertThat(dir.resolve("done")).doesNotExist();
    QueueSize released = size(q);
    assertThat(released.total()).as("the job was released").isEqualTo(1);
    assertThat(released.reserved()).as("the job was released").isZero();
  }

  @Test
  void restartFromAnotherProcessStopsARunningWorker() throws Exception {
    Child work = start("work", "--queue", q, "--sleep", "0.2");
    await().atMost(CHILD_START).until(() -> work.output().contains("Worker started: "));

    Child restart = start("restart");
    assertThat(restart.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    if (restartSignal) {
      assertThat(restart.process.exitValue()).as(restart.output()).isZero();
      assertThat(restart.output()).contains("Broadcasting queue restart signal.");
      assertThat(work.process.waitFor(15, TimeUnit.SECONDS)).as(work.output()).isTrue();
      assertThat(work.process.exitValue()).as(work.output()).isZero();
      assertThat(work.output()).contains("Restart signal received");
    } else {
      assertThat(restart.process.exitValue()).as(restart.output()).isEqualTo(QueueCli.EXIT_ERROR);
      assertThat(restart.output()).contains("has no restart signal");
      assertThat(work.process.waitFor(2, TimeUnit.SECONDS))
          .as("the worker keeps running")
          .isFalse();
      work.process.destroy();
      assertThat(work.process.waitFor(15, TimeUnit.SECONDS)).as(work.output()).isTrue();
      assertThat(work.process.exitValue()).as(work.output()).isZero();
    }
  }

  // ---- helpers ----

  record Result(int code, String out, String err) {}

  Result cli(String... command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(backendArgs());
    args.addAll(List.of(command));
    int code =
        CliTestApp.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  QueueSize size(String queue) {
    return app.manager.connection().size(queue);
  }

  Map<String, Object> sleepy(long millis, String name) {
    Path dir = tmp.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("millis", millis, "dir", dir.toString());
  }

  /** A CliTestApp JVM whose output (stdout and stderr) goes to a file. */
  final class Child {
    final Process process;
    final Path log;

    Child(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  Child start(String... command) throws IOException {
    return start(List.of(), command);
  }

  /**
   * Like {@link #start(String...)}, with the child, and every worker JVM {@code listen} starts,
   * holding {@code mb} MiB of live heap after a full GC: a {@code --memory} limit below that trips
   * at the worker's first check, whatever the collector did before (heap after GC otherwise depends
   * on when, and which, collections ran).
   */
  Child startHolding(int mb, String... command) throws IOException {
    return start(List.of("--hold-mb", Integer.toString(mb)), command);
  }

  private Child start(List<String> appOptions, String... command) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CliTestApp.class.getName());
    cmd.addAll(backendArgs());
    cmd.addAll(appOptions);
    cmd.addAll(List.of(command));
    Path log = Files.createTempFile(tmp, command[0] + "-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(new File(System.getProperty("user.dir")))
            .start();
    children.add(p);
    return new Child(p, log);
  }

  private static void awaitFile(Child child, Path file) {
    await()
        .atMost(CHILD_START)
        .pollInterval(Duration.ofMillis(50))
        .failFast(
            () ->
                assertThat(child.process.isAlive())
                    .as(() -> "child exited; output:\n" + child.output())
                    .isTrue())
        .until(() -> Files.exists(file));
  }
}
