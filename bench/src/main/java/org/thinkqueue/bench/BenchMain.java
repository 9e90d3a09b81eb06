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

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the benchmark scenarios per driver, the limits and the peers, prints the tables and writes
 * them to {@code bench/results/latest.md} (or {@code --out}).
 *
 * <p>{@code java -jar bench/target/bench.jar [--smoke|--quick|--full] [--drivers
 * redis,postgres,mariadb,h2,memory,sync] [--no-limits] [--no-peers] [--out FILE] [--jesque-jar
 * FILE]}. Service addresses come from {@code QUEUE_REDIS_URL}, {@code QUEUE_PG_URL} and {@code
 * QUEUE_MYSQL_URL}, as in the tests.
 */
public final class BenchMain {
  private static final List<String> ALL_DRIVERS =
      List.of("redis", "postgres", "mariadb", "h2", "memory", "sync");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Results r = run(args);
    if (!r.errors.isEmpty()) {
      System.err.println(
          "[bench] " + r.errors.size() + " scenario(s) failed; see the errors above");
      System.exit(1);
    }
  }

  /** Runs as {@link #main} does and returns the figures (the smoke test checks them). */
  public static Results run(String... args) throws Exception {
    String profileName = "quick";
    List<String> drivers = ALL_DRIVERS;
    boolean limits = true;
    boolean peers = true;
    Path out = Path.of("bench", "results", "latest.md");
    String jesqueJar = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> profileName = "smoke";
        case "--quick" -> profileName = "quick";
        case "--full" -> profileName = "full";
        case "--no-limits" -> limits = false;
        case "--no-peers" -> peers = false;
        case "--drivers" -> drivers = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
        case "--out" -> out = Path.of(args[++i]);
        case "--jesque-jar" -> jesqueJar = args[++i];
        default ->
            throw new IllegalArgumentException(
                "unknown argument '" + args[i] + "'; see BenchMain's javadoc");
      }
    }
    Profile profile = Profile.named(profileName);
    Results results = new Results();
    String redisUrl = env("QUEUE_REDIS_URL", "redis://127.0.0.1:6379/0");
    String pgUrl = env("QUEUE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    String mysqlUrl = env("QUEUE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    Map<String, String> versions = new LinkedHashMap<>();
    long started = System.nanoTime();
    System.out.println("[bench] profile " + profile.name() + ": " + profile.describe());
    Path target = out;
    Scenarios.Checkpoint checkpoint =
        step -> {
          try {
            write(
                target,
                Report.markdown(
                    profile,
                    results,
                    versions,
                    machine(),
                    (System.nanoTime() - started) / 60e9,
                    step));
          } catch (IOException e) {
            results.error("checkpoint " + target, e);
          }
        };

    for (String d : drivers) {
      try (Driver driver =
          switch (d.trim()) {
            case "redis" -> Driver.redis(redisUrl);
            case "postgres", "postgresql" -> Driver.jdbc("PostgreSQL", pgUrl, 2_000, 40);
            case "mariadb", "mysql" -> Driver.jdbc("MariaDB", mysqlUrl, 1_000, 40);
            case "h2" ->
                Driver.jdbc("H2", "jdbc:h2:mem:thinkqueue_bench;DB_CLOSE_DELAY=-1", 2_000, 40);
            case "memory" -> Driver.memory();
            case "sync" -> Driver.sync();
            default ->
                throw new IllegalArgumentException("unknown driver '" + d + "': " + ALL_DRIVERS);
          }) {
        try {
          if (driver instanceof Driver.JdbcDriver jdbc) {
            jdbc.createSchema();
          }
          versions.put(driver.name, driver.serverVersion());
        } catch (Exception e) {
          results.error(driver.name + " version", e);
        }
        new Scenarios(driver, profile, results, checkpoint).runAll();
      } catch (Exception e) {
        results.error("driver " + d, e);
      }
    }

    URI redis = URI.create(redisUrl);
    boolean hasRedis = drivers.contains("redis");
    boolean hasPg = drivers.contains("postgres") || drivers.contains("postgresql");
    if (limits) {
      if (hasRedis) {
        timed(
            "redis-benchmark",
            results,
            checkpoint,
            () ->
                Limits.redisBenchmark(
                    redis.getHost(),
                    redis.getPort() < 0 ? 6379 : redis.getPort(),
                    profile.limitRequests(),
                    results));
      }
      if (hasPg) {
        timed(
            "raw JDBC on PostgreSQL",
            results,
            checkpoint,
            () -> {
              try (Driver.JdbcDriver pg = new Driver.JdbcDriver("PostgreSQL", pgUrl, 0, 10)) {
                Limits.rawPostgres(pg.dataSource(), profile.drainJobs(), results);
              }
            });
      }
    }
    if (peers) {
      if (hasPg) {
        timed(
            "db-scheduler",
            results,
            checkpoint,
            () -> {
              try (Driver.JdbcDriver pg = new Driver.JdbcDriver("PostgreSQL", pgUrl, 0, 40)) {
                Peers.dbScheduler(
                    pg.dataSource(), profile.peerJobs(), profile.peerThreads(), results);
              }
            });
      }
      if (hasRedis) {
        Optional<Path> jar = Peers.findJesqueJar(jesqueJar);
        if (jar.isPresent()) {
          timed(
              "Jesque",
              results,
              checkpoint,
              () ->
                  Peers.jesque(
                      jar.get(),
                      redis.getHost(),
                      redis.getPort() < 0 ? 6379 : redis.getPort(),
                      profile.peerJobs(),
                      profile.peerThreads(),
                      results));
        } else {
          results.notes.add(Peers.describeMissingJar());
          if (jesqueJar != null) {
            results.errors.add("--jesque-jar " + jesqueJar + " does not exist");
          }
        }
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    String md = Report.markdown(profile, results, versions, machine(), minutes);
    System.out.println();
    System.out.println(md);
    write(out, md);
    System.out.println("[bench] wrote " + out.toAbsolutePath());
    return results;
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a report. */
  private static void write(Path out, String md) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
    Files.writeString(tmp, md, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        out,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private interface Task {
    void run() throws Exception;
  }

  private static void timed(
      String what, Results results, Scenarios.Checkpoint checkpoint, Task task) {
    long t0 = System.nanoTime();
    System.out.println("[bench] " + what + " ...");
    try {
      task.run();
    } catch (Throwable t) {
      results.error(what, t);
    }
    System.out.printf(
        Locale.ROOT, "[bench] %s done in %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    checkpoint.after(what);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static String machine() {
    StringBuilder sb = new StringBuilder();
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException e) {
      // not Linux
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    sb.append(
        String.format(
            Locale.ROOT,
            "%d cores (%s), %.1f GiB memory, %s %s; servers on the same machine",
            Runtime.getRuntime().availableProcessors(),
            cpu,
            os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
            System.getProperty("os.name"),
            System.getProperty("os.version")));
    return sb.toString();
  }

  static String jvm() {
    return System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MB, "
        + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().split(" ")[0]
        + " GC";
  }

  /** A library's version from its Maven metadata in the (shaded) class path. */
  static String libraryVersion(String group, String artifact) {
    try (var in =
        BenchMain.class.getResourceAsStream(
            "/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) {
        return "?";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  static String today() {
    return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static List<String> sortedKeys(Map<String, ?> m) {
    return new ArrayList<>(m.keySet());
  }
}
