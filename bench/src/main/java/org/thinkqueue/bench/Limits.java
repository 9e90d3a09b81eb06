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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * What the servers can do without us: redis-benchmark, and a raw JDBC claim/insert loop on
 * PostgreSQL.
 */
final class Limits {
  static final String SECTION = "limits";
  private static final String RAW_TABLE = "thinkqueue_bench_raw";

  private Limits() {}

  /** redis-benchmark RPUSH and LPOP: one client, 50 clients, 50 clients pipelining 16. */
  static void redisBenchmark(String host, int port, int requests, Results results)
      throws Exception {
    String[][] runs = {
      {"1 client", "-c", "1"},
      {"50 clients", "-c", "50"},
      {"50 clients, -P 16", "-c", "50", "-P", "16"}
    };
    for (String[] run : runs) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "redis-benchmark",
                  "-h",
                  host,
                  "-p",
                  Integer.toString(port),
                  "-t",
                  "rpush,lpop",
                  "-n",
                  Integer.toString(requests),
                  "--csv"));
      for (int i = 1; i < run.length; i++) {
        cmd.add(run[i]);
      }
      Map<String, Double> rps = runCsv(cmd);
      for (Map.Entry<String, Double> e : rps.entrySet()) {
        String key = "redis-benchmark/" + e.getKey().toLowerCase(Locale.ROOT) + "/" + run[0];
        results.rate(
            SECTION, "redis-benchmark " + e.getKey() + " (req/s)", run[0], key, e.getValue());
      }
      if (rps.size() < 2) {
        throw new IllegalStateException(
            "redis-benchmark printed no RPUSH/LPOP figures for " + String.join(" ", cmd));
      }
    }
  }

  /**
   * Parses {@code "RPUSH","12345.67",...} lines of {@code redis-benchmark --csv} (header line
   * optional).
   */
  static Map<String, Double> parseCsv(List<String> lines) {
    Map<String, Double> rps = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split(",");
      if (f.length < 2) {
        continue;
      }
      String test = f[0].replace("\"", "").trim();
      String value = f[1].replace("\"", "").trim();
      if (test.equals("RPUSH") || test.startsWith("LPOP")) {
        try {
          rps.put(test.equals("RPUSH") ? "RPUSH" : "LPOP", Double.parseDouble(value));
        } catch (NumberFormatException e) {
          // header or a note
        }
      }
    }
    return rps;
  }

  private static Map<String, Double> runCsv(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed: " + String.join("\n", lines));
    }
    return parseCsv(lines);
  }

  /**
   * PostgreSQL without a queue library: 1,000-row INSERTs, then
   * claim-100-with-SKIP-LOCKED-and-delete by one and by eight threads, on a table shaped like
   * think-queue's.
   */
  static void rawPostgres(DataSource ds, int rows, Results results) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + RAW_TABLE
              + " (id BIGSERIAL PRIMARY KEY, queue VARCHAR(255) NOT NULL, "
              + "payload TEXT NOT NULL, attempts SMALLINT NOT NULL, reserve_time BIGINT NULL, "
              + "available_time BIGINT NOT NULL, create_time BIGINT NOT NULL)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS " + RAW_TABLE + "_queue_id ON " + RAW_TABLE + " (queue, id)");
      s.execute("TRUNCATE " + RAW_TABLE);
    }
    String payload =
        "{\"job\":\"noop\",\"maxTries\":null,\"timeout\":null,\"data\":1,"
            + "\"id\":\"0123456789abcdef0123456789abcdef\",\"attempts\":0}";
    long t0 = System.nanoTime();
    insertRows(ds, rows, payload);
    results.rate(
        SECTION,
        "PostgreSQL raw JDBC (rows/s)",
        "insert, 1,000 rows a statement",
        "pg-raw/insert",
        rows * 1e9 / (System.nanoTime() - t0));
    for (int threads : new int[] {1, 8}) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("TRUNCATE " + RAW_TABLE);
      }
      insertRows(ds, rows, payload);
      AtomicLong claimed = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        Thread th =
            new Thread(
                () -> {
                  try (Connection c = ds.getConnection();
                      PreparedStatement ps =
                          c.prepareStatement(
                              "DELETE FROM "
                                  + RAW_TABLE
                                  + " WHERE id IN (SELECT id FROM "
                                  + RAW_TABLE
                                  + " WHERE queue = ? AND reserve_time IS NULL AND "
                                  + "available_time <= ? ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED) RETURNING id, payload")) {
                    c.setAutoCommit(true);
                    while (true) {
                      ps.setString(1, "bench");
                      ps.setLong(2, System.currentTimeMillis() / 1000);
                      int got = 0;
                      try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                          rs.getString(2);
                          got++;
                        }
                      }
                      if (got == 0) {
                        return;
                      }
                      claimed.addAndGet(got);
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                });
        th.start();
        workers.add(th);
      }
      for (Thread th : workers) {
        th.join();
      }
      long elapsed = System.nanoTime() - t0;
      if (failure.get() != null) {
        throw new IllegalStateException("raw claim loop failed", failure.get());
      }
      results.rate(
          SECTION,
          "PostgreSQL raw JDBC (rows/s)",
          "claim 100 SKIP LOCKED + delete, " + threads + " thread" + (threads == 1 ? "" : "s"),
          "pg-raw/claim" + threads,
          claimed.get() * 1e9 / elapsed);
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + RAW_TABLE);
    }
  }

  private static void insertRows(DataSource ds, int rows, String payload) throws Exception {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO "
                + RAW_TABLE
                + " (queue, payload, attempts, reserve_time, available_time, create_time) VALUES ");
    for (int i = 0; i < 1_000; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, 0, NULL, ?, ?)");
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      c.setAutoCommit(true);
      for (int done = 0; done < rows; done += 1_000) {
        long now = System.currentTimeMillis() / 1000;
        int p = 1;
        for (int i = 0; i < 1_000; i++) {
          ps.setString(p++, "bench");
          ps.setString(p++, payload);
          ps.setLong(p++, now);
          ps.setLong(p++, now);
        }
        ps.executeUpdate();
      }
    }
  }
}
