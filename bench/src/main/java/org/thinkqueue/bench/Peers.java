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
package org.thinkqueue.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Java peers on the same servers with equivalent no-op jobs: db-scheduler on PostgreSQL, Jesque on
 * Redis.
 */
final class Peers {
  static final String SECTION = "peers";
  private static final String DB_SCHEDULER_TABLE = "thinkqueue_bench_scheduled_tasks";

  private Peers() {}

  /**
   * db-scheduler with lock-and-fetch polling: one-by-one and batch scheduling, then draining with
   * 1/8/32 threads.
   */
  @SuppressWarnings(
      "deprecation") // schedule(instance, time): the plain insert that its README still shows
  static void dbScheduler(DataSource ds, int jobs, String threadList, Results results)
      throws Exception {
    String col = "db-scheduler (PostgreSQL)";
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + DB_SCHEDULER_TABLE
              + " (task_name TEXT NOT NULL, "
              + "task_instance TEXT NOT NULL, task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, "
              + "picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE, "
              + "last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT, "
              + "last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT, "
              + "PRIMARY KEY (task_name, task_instance))");
      s.execute(
          "CREATE INDEX IF NOT EXISTS "
              + DB_SCHEDULER_TABLE
              + "_execution_time_idx ON "
              + DB_SCHEDULER_TABLE
              + " (execution_time)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS "
              + DB_SCHEDULER_TABLE
              + "_last_heartbeat_idx ON "
              + DB_SCHEDULER_TABLE
              + " (last_heartbeat)");
      s.execute("TRUNCATE " + DB_SCHEDULER_TABLE);
    }
    AtomicLong done = new AtomicLong();
    OneTimeTask<Void> noop =
        Tasks.oneTime("noop").execute((instance, ctx) -> done.incrementAndGet());
    SchedulerClient client =
        SchedulerClient.Builder.create(ds, noop).tableName(DB_SCHEDULER_TABLE).build();
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      client.schedule(noop.instance("e" + i), now);
    }
    results.rate(
        SECTION,
        "enqueue, 1 thread (jobs/s)",
        col,
        "dbs/enqueue1",
        jobs * 1e9 / (System.nanoTime() - t0));
    truncate(ds);
    t0 = System.nanoTime();
    scheduleBatches(client, noop, jobs, "b", now);
    results.rate(
        SECTION,
        "enqueue, batch of 1,000 (jobs/s)",
        col,
        "dbs/bulk",
        jobs * 1e9 / (System.nanoTime() - t0));
    truncate(ds);
    for (String tc : threadList.split(",")) {
      int threads = Integer.parseInt(tc.trim());
      scheduleBatches(client, noop, jobs, "d" + threads + "-", now);
      done.set(0);
      Scheduler scheduler =
          Scheduler.create(ds, noop)
              .tableName(DB_SCHEDULER_TABLE)
              .threads(threads)
              .pollUsingLockAndFetch(0.5, 1.0)
              .pollingInterval(Duration.ofMillis(100))
              .shutdownMaxWait(Duration.ofSeconds(5))
              .build();
      t0 = System.nanoTime();
      scheduler.start();
      long cap = t0 + TimeUnit.MINUTES.toNanos(10);
      // Counted when the row is gone (db-scheduler deletes a completed one-time task), as ours
      // counts the delete.
      while (System.nanoTime() < cap && (done.get() < jobs || remaining(ds) > 0)) {
        Thread.sleep(done.get() < jobs ? 2 : 5);
      }
      long elapsed = System.nanoTime() - t0;
      scheduler.stop();
      results.rate(
          SECTION,
          "drain, " + threads + " thread" + (threads == 1 ? "" : "s") + " (jobs/s)",
          col,
          "dbs/drain" + threads,
          Math.min(done.get(), jobs) * 1e9 / elapsed);
      truncate(ds);
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + DB_SCHEDULER_TABLE);
    }
  }

  private static void scheduleBatches(
      SchedulerClient client, OneTimeTask<Void> task, int jobs, String prefix, Instant at) {
    for (int i = 0; i < jobs; i += 1_000) {
      List<TaskInstance<?>> batch = new ArrayList<>(1_000);
      for (int j = i; j < Math.min(jobs, i + 1_000); j++) {
        batch.add(task.instance(prefix + j));
      }
      client.scheduleBatch(batch, at);
    }
  }

  private static long remaining(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + DB_SCHEDULER_TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void truncate(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + DB_SCHEDULER_TABLE);
    }
  }

  /** Jesque in its own JVM (it needs Jedis 2.x); parses its {@code RESULT name jobs/s} lines. */
  static void jesque(Path jar, String host, int port, int jobs, String threads, Results results)
      throws Exception {
    String col = "Jesque 2.1.2 (Redis)";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                host,
                Integer.toString(port),
                Integer.toString(jobs),
                threads)
            .redirectErrorStream(true)
            .start();
    List<String> out = new ArrayList<>();
    int found = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
        String[] f = line.trim().split("\\s+");
        if (f.length == 3 && f[0].equals("RESULT")) {
          double rate = Double.parseDouble(f[2]);
          String row =
              f[1].equals("enqueue_1t")
                  ? "enqueue, 1 thread (jobs/s)"
                  : f[1].startsWith("drain_")
                      ? "drain, "
                          + f[1].substring(6, f[1].length() - 1)
                          + " thread"
                          + (f[1].equals("drain_1t") ? "" : "s")
                          + " (jobs/s)"
                      : f[1];
          results.rate(SECTION, row, col, "jesque/" + f[1], rate);
          found++;
        }
      }
    }
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("Jesque peer did not finish in 15 minutes");
    }
    if (p.exitValue() != 0 || found == 0) {
      throw new IllegalStateException(
          "Jesque peer exited with "
              + p.exitValue()
              + ":\n"
              + String.join("\n", out.subList(Math.max(0, out.size() - 30), out.size())));
    }
    results.put(SECTION, "enqueue, batch of 1,000 (jobs/s)", col, "n/a (no batch API in 2.1.2)");
  }

  /** The Jesque peer's jar: the flag, else next to the bench's module in the source tree. */
  static Optional<Path> findJesqueJar(String flag) {
    List<Path> candidates = new ArrayList<>();
    if (flag != null) {
      candidates.add(Path.of(flag));
    }
    candidates.add(Path.of("bench-peers-jesque", "target", "bench-peers-jesque.jar"));
    candidates.add(Path.of("..", "bench-peers-jesque", "target", "bench-peers-jesque.jar"));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return Optional.of(c.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  static String describeMissingJar() {
    return String.format(
        Locale.ROOT,
        "Jesque peer not run: bench-peers-jesque/target/bench-peers-jesque.jar not "
            + "found (build it with mvn -pl bench-peers-jesque package, or pass --jesque-jar PATH)");
  }
}
