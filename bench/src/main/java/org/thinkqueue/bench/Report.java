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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The markdown of a run: header (date, machine, JVM, versions), figures, ratios and the issue's
 * targets.
 */
final class Report {
  private Report() {}

  static String markdown(
      Profile profile, Results r, Map<String, String> servers, String machine, double minutes) {
    return markdown(profile, r, servers, machine, minutes, null);
  }

  /**
   * The report; {@code inProgress} non-null marks a checkpoint written while the run goes on (the
   * last step that finished), so a long run that is cut off still leaves every figure it measured.
   */
  static String markdown(
      Profile profile,
      Results r,
      Map<String, String> servers,
      String machine,
      double minutes,
      String inProgress) {
    StringBuilder sb = new StringBuilder();
    sb.append("# think-queue benchmark: ").append(profile.name()).append(" profile\n\n");
    if (inProgress != null) {
      sb.append("**In progress** (checkpoint after: ")
          .append(inProgress)
          .append("): the run has not finished; rows still missing are not measured yet.\n\n");
    }
    sb.append("- Date: ").append(BenchMain.today()).append('\n');
    sb.append("- Machine: ").append(machine).append('\n');
    sb.append("- JVM: ").append(BenchMain.jvm()).append('\n');
    sb.append("- Versions: think-queue ")
        .append(BenchMain.libraryVersion("org.thinkqueue", "queue-core"))
        .append(", Jedis ")
        .append(BenchMain.libraryVersion("redis.clients", "jedis"))
        .append(", HikariCP ")
        .append(BenchMain.libraryVersion("com.zaxxer", "HikariCP"))
        .append(", PostgreSQL JDBC ")
        .append(BenchMain.libraryVersion("org.postgresql", "postgresql"))
        .append(", MariaDB JDBC ")
        .append(BenchMain.libraryVersion("org.mariadb.jdbc", "mariadb-java-client"))
        .append(", db-scheduler ")
        .append(BenchMain.libraryVersion("com.github.kagkarlsson", "db-scheduler"))
        .append(", Jesque 2.1.2 (Jedis 2.9.0, own JVM)\n");
    sb.append("- Servers: ");
    List<String> s = new ArrayList<>();
    servers.forEach((k, v) -> s.add(k + ": " + v));
    sb.append(String.join("; ", s)).append('\n');
    sb.append("- Sizes: ").append(profile.describe()).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "- Run time: %.1f minutes%s%n",
            minutes,
            inProgress == null ? "" : " so far"));
    sb.append(
            "- Reproduce: `mvn -q -B -pl bench,bench-peers-jesque -am -DskipTests package && "
                + "java -jar bench/target/bench.jar --")
        .append(profile.name())
        .append("`\n\n");
    sb.append(
        "Workers use the defaults (timeout 60 s, tries 3, sleep 3 s) with the simple-handler style "
            + "(`registry.handle`, deleted on return). Drain counts a job when its attempt completed, delete included; "
            + "the window runs from `worker.start()` to the last completion. The servers are shared with other work on "
            + "the machine, so figures move by 10-20 % between runs.\n\n");
    for (String section : List.of("think-queue", Limits.SECTION, Peers.SECTION)) {
      if (r.has(section)) {
        sb.append("## ").append(section).append("\n\n").append(r.markdown(section)).append('\n');
      }
    }
    sb.append("## Ratios\n\n| ratio | value |\n|---|---:|\n");
    ratio(
        sb,
        r,
        "Redis enqueue 1 thread / redis-benchmark RPUSH 1 client",
        "Redis V3/enqueue1",
        "redis-benchmark/rpush/1 client");
    ratio(
        sb,
        r,
        "Redis bulk / redis-benchmark RPUSH 50 clients -P 16",
        "Redis V3/bulk",
        "redis-benchmark/rpush/50 clients, -P 16");
    ratio(
        sb,
        r,
        "Redis best drain / redis-benchmark LPOP 50 clients",
        best(r, "Redis V3/drain"),
        "redis-benchmark/lpop/50 clients");
    ratio(
        sb,
        r,
        "Redis best drain / Jesque best drain",
        best(r, "Redis V3/drain"),
        best(r, "jesque/drain_"));
    ratio(
        sb,
        r,
        "Redis enqueue 1 thread / Jesque enqueue 1 thread",
        "Redis V3/enqueue1",
        "jesque/enqueue_1t");
    ratio(
        sb,
        r,
        "PostgreSQL best drain / raw claim-100 + delete (best)",
        best(r, "PostgreSQL/drain"),
        best(r, "pg-raw/claim"));
    ratio(sb, r, "PostgreSQL bulk / raw 1,000-row insert", "PostgreSQL/bulk", "pg-raw/insert");
    ratio(
        sb,
        r,
        "PostgreSQL best drain / db-scheduler best drain",
        best(r, "PostgreSQL/drain"),
        best(r, "dbs/drain"));
    ratio(
        sb,
        r,
        "PostgreSQL enqueue 1 thread / db-scheduler enqueue 1 thread",
        "PostgreSQL/enqueue1",
        "dbs/enqueue1");
    ratio(sb, r, "PostgreSQL bulk / db-scheduler batch", "PostgreSQL/bulk", "dbs/bulk");
    sb.append('\n');

    sb.append(
        "## Targets of the issue (goals, reported, not asserted)\n\n| target | figure | met |\n|---|---:|:---:|\n");
    atLeast(
        sb,
        r,
        "Redis drain ≥ 60,000 jobs/s",
        best(r, "Redis V3/drain"),
        60_000,
        v -> fmt(v) + " jobs/s");
    ratioAtLeast(
        sb, r, "Redis drain ≥ 3× Jesque", best(r, "Redis V3/drain"), best(r, "jesque/drain_"), 3);
    ratioAtLeast(
        sb,
        r,
        "Redis 1-thread enqueue ≥ 90 % of redis-benchmark -c 1 RPUSH",
        "Redis V3/enqueue1",
        "redis-benchmark/rpush/1 client",
        0.9);
    atLeast(
        sb,
        r,
        "Redis bulk enqueue ≥ 300,000 jobs/s",
        "Redis V3/bulk",
        300_000,
        v -> fmt(v) + " jobs/s");
    atMost(sb, r, "Redis idle latency p50 ≤ 0.5 ms", "Redis V3/idle_p50", 0.5);
    atMost(sb, r, "Redis idle latency p99 ≤ 2 ms", "Redis V3/idle_p99", 2);
    atMost(sb, r, "Redis delayed lateness p99 ≤ 10 ms", "Redis V3/delayed_p99", 10);
    atLeast(
        sb,
        r,
        "PostgreSQL drain ≥ 25,000 jobs/s",
        best(r, "PostgreSQL/drain"),
        25_000,
        v -> fmt(v) + " jobs/s");
    ratioAtLeast(
        sb,
        r,
        "PostgreSQL drain ≥ 3× db-scheduler",
        best(r, "PostgreSQL/drain"),
        best(r, "dbs/drain"),
        3);
    atLeast(
        sb,
        r,
        "PostgreSQL bulk enqueue ≥ 100,000 jobs/s",
        "PostgreSQL/bulk",
        100_000,
        v -> fmt(v) + " jobs/s");
    atMost(sb, r, "PostgreSQL idle latency p50 ≤ 3 ms", "PostgreSQL/idle_p50", 3);
    atLeast(
        sb,
        r,
        "MariaDB drain ≥ 8,000 jobs/s",
        best(r, "MariaDB/drain"),
        8_000,
        v -> fmt(v) + " jobs/s");
    Double memPush = r.get("Memory/enqueue1");
    Double memDrain = r.get("Memory/drain1");
    if (memPush != null && memDrain != null) {
      r.number("Memory/overhead_us", 1e6 / memPush + 1e6 / memDrain);
    }
    Double sync = r.get("Sync/enqueue1");
    if (sync != null) {
      r.number("Sync/overhead_us", 1e6 / sync);
    }
    atMost(
        sb,
        r,
        "Memory per-job overhead ≤ 2 µs (push + 1-thread drain, per job)",
        "Memory/overhead_us",
        2,
        " µs");
    atMost(
        sb,
        r,
        "Sync per-job overhead ≤ 2 µs (push runs the job inline)",
        "Sync/overhead_us",
        2,
        " µs");
    sb.append('\n');
    if (!r.notes.isEmpty() || !r.errors.isEmpty()) {
      sb.append("## Notes\n\n");
      r.notes.forEach(n -> sb.append("- ").append(n).append('\n'));
      r.errors.forEach(e -> sb.append("- ERROR ").append(e).append('\n'));
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The key of the largest figure whose key starts with {@code prefix}, or the prefix itself if
   * none.
   */
  static String best(Results r, String prefix) {
    String bestKey = prefix;
    double best = -1;
    for (Map.Entry<String, Double> e : r.numbers().entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue() > best) {
        best = e.getValue();
        bestKey = e.getKey();
      }
    }
    return bestKey;
  }

  private static void ratio(StringBuilder sb, Results r, String label, String num, String den) {
    Double a = r.get(num);
    Double b = r.get(den);
    if (a != null && b != null && b > 0) {
      sb.append("| ")
          .append(label)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", a / b))
          .append(" |\n");
    }
  }

  private static void atLeast(
      StringBuilder sb,
      Results r,
      String label,
      String key,
      double goal,
      Function<Double, String> show) {
    Double v = r.get(key);
    sb.append("| ")
        .append(label)
        .append(" | ")
        .append(v == null ? "not measured" : show.apply(v))
        .append(" | ")
        .append(v == null ? "-" : v >= goal ? "yes" : "**no**")
        .append(" |\n");
  }

  private static void atMost(StringBuilder sb, Results r, String label, String key, double goal) {
    atMost(sb, r, label, key, goal, " ms");
  }

  private static void atMost(
      StringBuilder sb, Results r, String label, String key, double goal, String unit) {
    Double v = r.get(key);
    sb.append("| ")
        .append(label)
        .append(" | ")
        .append(
            v == null || v.isNaN() ? "not measured" : String.format(Locale.ROOT, "%.2f%s", v, unit))
        .append(" | ")
        .append(v == null || v.isNaN() ? "-" : v <= goal ? "yes" : "**no**")
        .append(" |\n");
  }

  private static void ratioAtLeast(
      StringBuilder sb, Results r, String label, String num, String den, double goal) {
    Double a = r.get(num);
    Double b = r.get(den);
    boolean ok = a != null && b != null && b > 0;
    sb.append("| ")
        .append(label)
        .append(" | ")
        .append(
            ok
                ? String.format(Locale.ROOT, "%.2f× (%s vs %s)", a / b, fmt(a), fmt(b))
                : "not measured")
        .append(" | ")
        .append(!ok ? "-" : a / b >= goal ? "yes" : "**no**")
        .append(" |\n");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
