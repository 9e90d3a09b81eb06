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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;

/**
 * Every command of {@link QueueCli} against the memory connector, with think-queue's exact
 * messages.
 */
class QueueCliTest {
  private static final Pattern JOB_LINE =
      Pattern.compile(
          "^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}]\\[([^\\]]+)] (\\S+):\\s+(\\S+)$",
          Pattern.MULTILINE);

  private MemoryConnector connector;
  private MemoryFailedJobStore failedStore;
  private QueueManager manager;
  private final List<String> handled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    connector = new MemoryConnector();
    failedStore = new MemoryFailedJobStore();
    JobRegistry registry =
        new JobRegistry()
            .handle("ok", String.class, handled::add)
            .handle(
                "boom",
                String.class,
                data -> {
                  throw new IllegalStateException("boom: " + data);
                });
    manager =
        QueueManager.builder()
            .connection("memory", connector)
            .registry(registry)
            .failedJobStore(failedStore)
            .build();
  }

  // ---- failed ----

  @Test
  void failedWithNoRecordsSaysSo() {
    Result r = run("failed");
    assertThat(r.code).isZero();
    assertThat(r.out.strip()).isEqualTo("No failed jobs!");
  }

  @Test
  void failedListsThinkQueuesColumnsNewestFirst() {
    String first = failedStore.record("memory", "q1", payload("ok", "a"), "trace a");
    String second = failedStore.record("memory", "q2", payload("boom", "b"), "trace b");

    Result r = run("failed");

    assertThat(r.code).isZero();
    List<List<String>> rows = tableRows(r.out);
    assertThat(rows.get(0)).containsExactly("ID", "Connection", "Queue", "Class", "Fail Time");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).subList(0, 4)).containsExactly(second, "memory", "q2", "boom");
    assertThat(rows.get(2).subList(0, 4)).containsExactly(first, "memory", "q1", "ok");
    assertThat(rows.get(1).get(4)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  // ---- retry ----

  @Test
  void retryPushesTheJobBackOntoItsQueueWithAttemptsReset() {
    String raw = PayloadCodec.shared().withAttempts(payload("ok", "x"), 5);
    String id = failedStore.record("memory", "q1", raw, "trace");

    Result r = run("retry", id);

    assertThat(r.code).isZero();
    assertThat(r.out.strip())
        .isEqualTo("The failed job [" + id + "] has been pushed back onto the queue!");
    List<String> ready = connector.readyPayloads("q1");
    assertThat(ready).hasSize(1);
    assertThat(PayloadCodec.shared().attemptsOf(ready.get(0))).hasValue(0);
    assertThat(PayloadCodec.shared().decode(ready.get(0)).job()).isEqualTo("ok");
    assertThat(failedStore.count()).isZero();
  }

  @Test
  void retryOfAnUnknownIdSaysSoAndFails() {
    Result r = run("retry", "42");
    assertThat(r.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(r.err.strip()).isEqualTo("Unable to find failed job with ID [42].");
    assertThat(r.out).isEmpty();
  }

  @Test
  void retryAllPushesEveryFailedJobBackOntoItsQueue() {
    String a = failedStore.record("memory", "q1", payload("ok", "a"), "trace");
    String b = failedStore.record("memory", "q2", payload("ok", "b"), "trace");

    Result r = run("retry", "all");

    assertThat(r.code).isZero();
    assertThat(r.out.lines())
        .containsExactlyInAnyOrder(
            "The failed job [" + a + "] has been pushed back onto the queue!",
            "The failed job [" + b + "] has been pushed back onto the queue!");
    assertThat(connector.readyPayloads("q1")).hasSize(1);
    assertThat(connector.readyPayloads("q2")).hasSize(1);
    assertThat(failedStore.count()).isZero();
    assertThat(run("failed").out.strip()).isEqualTo("No failed jobs!");
  }

  @Test
  void retryAllGoesPastAnUnreadableRecordAndKeepsIt() {
    String a = failedStore.record("memory", "q1", payload("ok", "a"), "trace");
    String bad = failedStore.record("memory", "q1", "{\"data\":\"S3cr3tValue\"}", "trace");
    String b = failedStore.record("memory", "q1", payload("ok", "b"), "trace");

    Result r = run("retry", "all");

    assertThat(r.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(r.out.lines())
        .containsExactlyInAnyOrder(
            "The failed job [" + a + "] has been pushed back onto the queue!",
            "The failed job [" + b + "] has been pushed back onto the queue!");
    assertThat(r.err)
        .contains("Failed job [" + bad + "] cannot be pushed back")
        .contains("field 'job' is missing")
        .doesNotContain("S3cr3t");
    assertThat(connector.readyPayloads("q1")).hasSize(2);
    assertThat(failedStore.list(0, 10)).extracting(FailedJob::id).containsExactly(bad);
  }

  @Test
  void errorsNeverPrintTheCredentialsOfAUri() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        QueueCli.builder()
            .manager(
                () -> {
                  throw new ConnectionException(
                      "Cannot reach Redis at redis://app:S3cr3t@10.0.0.9:6379/0", null, true);
                })
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(err, true))
            .handleSignals(false)
            .build()
            .execute("size");

    assertThat(code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(err.toString())
        .contains("Error: Cannot reach Redis at redis://app:****@10.0.0.9:6379/0")
        .doesNotContain("S3cr3t");
    assertThat(out.toString()).doesNotContain("S3cr3t");
  }

  @Test
  void retriedJobRunsAgainOnItsQueue() {
    connector.pushRaw("q1", payload("boom", "x"), Duration.ZERO);
    assertThat(run("work", "--once", "--queue", "q1", "--tries", "1", "--sleep", "0").code)
        .isZero();
    String id = failedStore.list(0, 1).get(0).id();

    assertThat(run("retry", id).code).isZero();

    assertThat(manager.size("q1").ready()).isEqualTo(1);
    Result again = run("work", "--once", "--queue", "q1", "--tries", "1", "--sleep", "0");
    assertThat(jobLines(again.out)).extracting(l -> l[1]).containsExactly("Processing", "Failed");
  }

  // ---- forget / flush ----

  @Test
  void forgetDeletesOneRecord() {
    String keep = failedStore.record("memory", "q1", payload("ok", "a"), "trace");
    String drop = failedStore.record("memory", "q1", payload("ok", "b"), "trace");

    Result r = run("forget", drop);

    assertThat(r.code).isZero();
    assertThat(r.out.strip()).isEqualTo("Failed job deleted successfully!");
    assertThat(failedStore.list(0, 10)).extracting(FailedJob::id).containsExactly(keep);
  }

  @Test
  void forgetOfAnUnknownIdSaysSoAndFails() {
    Result r = run("forget", "7");
    assertThat(r.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(r.err.strip()).isEqualTo("No failed job matches the given ID.");
  }

  @Test
  void flushDeletesEveryRecord() {
    failedStore.record("memory", "q1", payload("ok", "a"), "trace");
    failedStore.record("memory", "q2", payload("ok", "b"), "trace");

    Result r = run("flush");

    assertThat(r.code).isZero();
    assertThat(r.out.strip()).isEqualTo("All failed jobs deleted successfully!");
    assertThat(failedStore.count()).isZero();
  }

  // ---- size ----

  @Test
  void sizeShowsReadyDelayedReservedAndTotalPerQueue() {
    manager.push("ok", "a", "q1");
    manager.push("ok", "b", "q1");
    manager.later(60, "ok", "c", "q1");
    manager.push("ok", "d", "q2");
    manager.push("ok", "e", "q2");
    assertThat(connector.pop("q2", 1)).hasSize(1);

    Result r = run("size", "q1", "q2");

    assertThat(r.code).isZero();
    List<List<String>> rows = tableRows(r.out);
    assertThat(rows)
        .containsExactly(
            List.of("Queue", "Ready", "Delayed", "Reserved", "Total"),
            List.of("q1", "2", "1", "0", "3"),
            List.of("q2", "1", "0", "1", "2"));
  }

  @Test
  void sizeWithoutQueuesShowsTheDefaultQueue() {
    manager.push("ok", "a");
    List<List<String>> rows = tableRows(run("size").out);
    assertThat(rows.get(1)).containsExactly("default", "1", "0", "0", "1");
  }

  // ---- restart ----

  @Test
  void restartBroadcastsTheSignal() {
    assertThat(connector.lastRestart()).isEmpty();

    Result r = run("restart");

    assertThat(r.code).isZero();
    assertThat(r.out.strip()).isEqualTo("Broadcasting queue restart signal.");
    assertThat(connector.lastRestart()).isPresent();
  }

  // ---- work ----

  @Test
  void workOnceProcessesOneJobAndPrintsThinkQueuesLines() {
    String first = manager.push("ok", "one", "q1");
    manager.push("ok", "two", "q1");

    Result r = run("work", "--once", "--queue", "q1", "--sleep", "0");

    assertThat(r.code).isZero();
    assertThat(handled).containsExactly("one");
    List<String[]> lines = jobLines(r.out);
    assertThat(lines).extracting(l -> l[1]).containsExactly("Processing", "Processed");
    assertThat(lines)
        .allSatisfy(
            l -> {
              assertThat(l[0]).isEqualTo(first);
              assertThat(l[2]).isEqualTo("ok");
            });
    // think-queue pads the status to 11 columns: "Processing: " and "Processed:  "
    assertThat(r.out).contains("] Processing: ok").contains("] Processed:  ok");
    assertThat(manager.size("q1").ready()).isEqualTo(1);
  }

  @Test
  void workOnceTakesQueuesInPriorityOrder() {
    manager.push("ok", "low", "low");
    manager.push("ok", "high", "high");

    assertThat(run("work", "--once", "--queue", "high,low", "--sleep", "0").code).isZero();

    assertThat(handled).containsExactly("high");
  }

  @Test
  void workStopsAfterMaxJobs() {
    for (int i = 0; i < 5; i++) {
      manager.push("ok", "job" + i, "q1");
    }

    Result r = run("work", "--max-jobs", "3", "--sleep", "0.05", "--queue", "q1");

    assertThat(r.code).isZero();
    assertThat(handled).containsExactly("job0", "job1", "job2");
    assertThat(jobLines(r.out)).extracting(l -> l[1]).filteredOn("Processed"::equals).hasSize(3);
    assertThat(manager.size("q1").ready()).isEqualTo(2);
  }

  @Test
  void workQuietPrintsNoJobLines() {
    manager.push("ok", "a", "q1");
    Result r = run("work", "--once", "--quiet", "--queue", "q1", "--sleep", "0");
    assertThat(r.code).isZero();
    assertThat(handled).containsExactly("a");
    assertThat(r.out).isEmpty();
  }

  @Test
  void workWithOneTryPrintsFailedAndRecordsTheJob() {
    String id = manager.push("boom", "x", "q1");

    Result r = run("work", "--once", "--tries", "1", "--queue", "q1", "--sleep", "0");

    assertThat(r.code).isZero();
    List<String[]> lines = jobLines(r.out);
    assertThat(lines).extracting(l -> l[1]).containsExactly("Processing", "Failed");
    assertThat(lines.get(1)[0]).isEqualTo(id);
    assertThat(lines.get(1)[2]).isEqualTo("boom");
    List<FailedJob> failed = failedStore.list(0, 10);
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).connection()).isEqualTo("memory");
    assertThat(failed.get(0).queue()).isEqualTo("q1");
    assertThat(failed.get(0).jobName()).isEqualTo("boom");
    assertThat(failed.get(0).exception()).contains("boom: x");
    assertThat(manager.size("q1").total()).isZero();
  }

  @Test
  void workWithMoreTriesReleasesAThrowingJob() {
    manager.push("boom", "x", "q1");

    Result r = run("work", "--once", "--tries", "2", "--queue", "q1", "--sleep", "0");

    assertThat(r.code).isZero();
    assertThat(jobLines(r.out)).extracting(l -> l[1]).containsExactly("Processing");
    assertThat(failedStore.count()).isZero();
    assertThat(manager.size("q1").delayed())
        .as("the default back-off delays the retry")
        .isEqualTo(1);
  }

  @Test
  void workWithDelayZeroReleasesAThrowingJobAtOnce() {
    manager.push("boom", "x", "q1");

    Result r =
        run("work", "--once", "--tries", "2", "--delay", "0", "--queue", "q1", "--sleep", "0");

    assertThat(r.code).isZero();
    assertThat(manager.size("q1").ready()).isEqualTo(1);
  }

  @Test
  void workStopsWithStatus12AtTheMemoryLimit() {
    System.gc(); // the limit is on the heap after GC, so there must have been one
    Result r = run("work", "--memory", "1", "--sleep", "0.05", "--max-time", "20", "--queue", "q1");
    assertThat(r.code).isEqualTo(QueueCli.EXIT_MEMORY_LIMIT);
  }

  @Test
  void workStopsOnARestartSignal() throws Exception {
    // The worker reads the signal's baseline before it fires WorkerStarted: a restart signalled
    // after that counts.
    CountDownLatch started = new CountDownLatch(1);
    WorkerListener onStart =
        new WorkerListener() {
          @Override
          public void onWorkerStarted(WorkerStarted event) {
            started.countDown();
          }
        };
    CompletableFuture<Result> work =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    List.of(onStart),
                    "work",
                    "--sleep",
                    "0.05",
                    "--max-time",
                    "600",
                    "--queue",
                    "q1"),
            r -> new Thread(r).start());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(run("restart").code).isZero();

    // Without the restart it would run to --max-time (10 minutes) and the test's bound would fail
    // it.
    Result r = work.get(30, TimeUnit.SECONDS);
    assertThat(r.code).isZero();
  }

  // ---- bad command lines ----

  @Test
  void nonNumericThreadsGetsTheUsageMessage() {
    assertUsageError(run("work", "--threads", "abc"), "--threads", "abc");
  }

  @Test
  void zeroThreadsGetsTheUsageMessage() {
    assertUsageError(run("work", "--threads", "0"), "threads", "0");
  }

  @Test
  void negativeTriesGetsTheUsageMessage() {
    assertUsageError(run("work", "--tries", "-1"), "tries", "-1");
  }

  @Test
  void badQueueNameGetsTheUsageMessage() {
    assertUsageError(run("work", "--queue", "a b"), "queues", "a b");
  }

  @Test
  void unknownOptionGetsTheUsageMessage() {
    assertUsageError(run("work", "--bogus"), "--bogus");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Result r = run("bogus");
    // picocli prints suggestions ("Did you mean ...") instead of the usage for an unmatched command
    assertThat(r.code).isEqualTo(QueueCli.EXIT_USAGE);
    assertThat(r.err).contains("'bogus'");
    assertNoStackTrace(r);
  }

  @Test
  void noCommandGetsTheUsageMessage() {
    Result r = run();
    assertThat(r.code).isEqualTo(QueueCli.EXIT_USAGE);
    assertThat(r.err).contains("Usage:").contains("work").contains("retry").contains("size");
    assertNoStackTrace(r);
  }

  @Test
  void retryWithoutIdGetsTheUsageMessage() {
    assertUsageError(run("retry"), "id");
  }

  @Test
  void unknownConnectionIsAnErrorNamingIt() {
    for (String[] args :
        List.of(
            new String[] {"work", "nosuch", "--once", "--sleep", "0"},
            new String[] {"size", "--connection", "nosuch"},
            new String[] {"restart", "nosuch"})) {
      Result r = run(args);
      assertThat(r.code).as(Arrays.toString(args)).isEqualTo(QueueCli.EXIT_ERROR);
      assertThat(r.err).as(Arrays.toString(args)).contains("nosuch");
      assertNoStackTrace(r);
    }
  }

  @Test
  void anUnreachableServerIsAnErrorWithItsMessage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    QueueCli cli =
        QueueCli.builder()
            .manager(
                () -> {
                  throw new ConnectionException(
                      "Cannot reach Redis at 127.0.0.1:1",
                      new java.net.ConnectException("refused"),
                      true);
                })
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(err, true))
            .handleSignals(false)
            .build();

    int code = cli.execute("failed");

    assertThat(code).isEqualTo(QueueCli.EXIT_ERROR);
    Result r = new Result(code, out.toString(), err.toString());
    assertThat(r.err).contains("Cannot reach Redis at 127.0.0.1:1");
    assertNoStackTrace(r);
  }

  @Test
  void retryOfARecordFromAnUnknownConnectionIsAnError() {
    String id = failedStore.record("gone", "q1", payload("ok", "a"), "trace");
    Result r = run("retry", id);
    assertThat(r.code).isEqualTo(QueueCli.EXIT_ERROR);
    assertThat(r.err).contains("gone");
    assertNoStackTrace(r);
    assertThat(failedStore.count()).isEqualTo(1);
  }

  @Test
  void helpOfWorkDocumentsTheExitCodes() {
    Result r = run("work", "--help");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains("Exit codes")
        .containsPattern("(?m)^\\s+12\\s+.*--memory")
        .containsPattern("(?m)^\\s+2\\s+bad command line")
        .containsPattern("(?m)^\\s+3\\s+");
    assertThat(r.out)
        .contains("--queue")
        .contains("--tries")
        .contains("--threads")
        .contains("--once");
  }

  @Test
  void helpOfTheRootListsTheCommandsAndExitCodes() {
    Result r = run("--help");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .contains(
            "work",
            "listen",
            "restart",
            "failed",
            "retry",
            "forget",
            "flush",
            "size",
            "Exit codes");
  }

  // ---- helpers ----

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    return run(List.of(), args);
  }

  private Result run(List<WorkerListener> listeners, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    QueueCli.Builder cli =
        QueueCli.builder()
            .manager(manager)
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(err, true))
            .handleSignals(false);
    listeners.forEach(cli::listener);
    int code = cli.build().execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static void assertUsageError(Result r, String... mentions) {
    assertThat(r.code).isEqualTo(QueueCli.EXIT_USAGE);
    assertThat(r.err).contains(mentions).contains("Usage:");
    assertNoStackTrace(r);
  }

  private static void assertNoStackTrace(Result r) {
    assertThat(r.err + r.out)
        .doesNotContainPattern("\\n\\s+at [\\w.$]+\\(")
        .doesNotContain("Exception in");
  }

  private String payload(String job, String data) {
    PayloadCodec codec = PayloadCodec.shared();
    return codec.encode(
        connector.wireFormat(),
        job,
        codec.dataToJson(job, data),
        null,
        null,
        connector.wireFormat().newJobId(),
        0);
  }

  /** The cells of an ASCII table, header first, without the separator lines. */
  static List<List<String>> tableRows(String out) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (line.startsWith("|")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
          cells.add(cell.strip());
        }
        rows.add(cells);
      } else {
        assertThat(line).matches("\\+[-+]+\\+");
      }
    }
    return rows;
  }

  /** think-queue's job lines as {id, status, name}. */
  static List<String[]> jobLines(String out) {
    List<String[]> lines = new ArrayList<>();
    Matcher m = JOB_LINE.matcher(out);
    while (m.find()) {
      lines.add(new String[] {m.group(1), m.group(2).replace(":", ""), m.group(3)});
    }
    return lines;
  }
}
