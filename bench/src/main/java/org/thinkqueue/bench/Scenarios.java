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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.worker.Worker;

/** The scenarios against one driver. Each runs on a fresh manager and an emptied queue. */
final class Scenarios {
  static final String QUEUE = "thinkqueue-bench";
  private static final String SECTION = "think-queue";

  private final Driver driver;
  private final Profile profile;
  private final Results results;
  private final String col;
  private final Checkpoint checkpoint;

  /** Called after every step, so the report on disk holds what was measured so far. */
  interface Checkpoint {
    void after(String step);
  }

  Scenarios(Driver driver, Profile profile, Results results, Checkpoint checkpoint) {
    this.driver = driver;
    this.profile = profile;
    this.results = results;
    this.col = driver.name;
    this.checkpoint = checkpoint;
  }

  void runAll() {
    step("enqueue", this::enqueue);
    if (!driver.queues()) {
      return;
    }
    step("drain", this::drain);
    step("idle latency", this::idleLatency);
    step("steady state", this::steadyState);
    step("delayed precision", this::delayed);
    step("memory", this::memory);
  }

  private interface Step {
    void run() throws Exception;
  }

  private void step(String what, Step step) {
    long t0 = System.nanoTime();
    System.out.printf(Locale.ROOT, "[bench] %s: %s ...%n", col, what);
    try {
      driver.reset(QUEUE);
      step.run();
    } catch (Throwable t) {
      results.error(col + " " + what, t);
      results.put(SECTION, what, col, "error");
    } finally {
      try {
        driver.reset(QUEUE);
      } catch (Exception e) {
        results.error(col + " reset after " + what, e);
      }
    }
    System.out.printf(
        Locale.ROOT, "[bench] %s: %s done in %.1f s%n", col, what, (System.nanoTime() - t0) / 1e9);
    checkpoint.after(col + " " + what);
  }

  /**
   * A registry with the bench's handlers: a no-op and one that reports push-to-start or lateness.
   */
  private static JobRegistry registry(LatencySink sink) {
    JobRegistry registry = new JobRegistry();
    registry.handle("noop", Long.class, n -> {});
    registry.handle("latency", Long.class, t -> sink.record(System.nanoTime() - t));
    return registry;
  }

  interface LatencySink {
    void record(long nanos);
  }

  private static final LatencySink NONE = n -> {};

  // 1. Enqueue
  // ------------------------------------------------------------------------------------------------

  private void enqueue() throws Exception {
    int n = profile.enqueueJobs();
    try (QueueManager m = driver.manager(registry(NONE))) {
      QueueConnection c = m.connection();
      warmUp(c);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        c.push("noop", (long) i, QUEUE);
      }
      record("enqueue, 1 thread (jobs/s)", "enqueue1", n, System.nanoTime() - t0);
      driver.reset(QUEUE);

      int threads = 8;
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = n / threads + (t < n % threads ? 1 : 0);
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                    for (int i = 0; i < share; i++) {
                      c.push("noop", (long) i, QUEUE);
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "bench-producer-" + t);
        th.start();
        producers.add(th);
      }
      t0 = System.nanoTime();
      start.countDown();
      for (Thread th : producers) {
        th.join();
      }
      long elapsed = System.nanoTime() - t0;
      if (failure.get() != null) {
        throw new IllegalStateException("a producer failed", failure.get());
      }
      record("enqueue, 8 threads (jobs/s)", "enqueue8", n, elapsed);
      driver.reset(QUEUE);

      t0 = System.nanoTime();
      bulk(c, n);
      record("enqueue, bulk of 1,000 (jobs/s)", "bulk", n, System.nanoTime() - t0);
    }
  }

  private void warmUp(QueueConnection c) throws Exception {
    for (int i = 0; i < Math.min(2_000, profile.enqueueJobs()); i++) {
      c.push("noop", (long) i, QUEUE);
    }
    driver.reset(QUEUE);
  }

  private static void bulk(QueueConnection c, int n) {
    for (int i = 0; i < n; i += 1_000) {
      List<Long> batch = new ArrayList<>(1_000);
      for (int j = i; j < Math.min(n, i + 1_000); j++) {
        batch.add((long) j);
      }
      c.bulk("noop", batch, QUEUE);
    }
  }

  private void record(String row, String key, long jobs, long nanos) {
    double rate = jobs * 1e9 / nanos;
    results.rate(SECTION, row, col, driver.name + "/" + key, rate);
  }

  // 2. Drain
  // --------------------------------------------------------------------------------------------------

  private void drain() throws Exception {
    for (int threads : profile.drainThreads()) {
      driver.reset(QUEUE);
      try (QueueManager m = driver.manager(registry(NONE))) {
        bulk(m.connection(), profile.drainJobs());
        DrainResult r = drainWith(m, threads, profile.drainJobs());
        String row = "drain, " + threads + " thread" + (threads == 1 ? "" : "s") + " (jobs/s)";
        results.rate(SECTION, row, col, driver.name + "/drain" + threads, r.rate());
        if (r.partial()) {
          results.put(
              SECTION,
              row,
              col,
              String.format(
                  Locale.ROOT,
                  "%,.0f (partial: %,d of %,d in %d s)",
                  r.rate(),
                  r.done(),
                  profile.drainJobs(),
                  profile.drainCap().toSeconds()));
        }
      }
    }
  }

  record DrainResult(double rate, long done, boolean partial) {}

  /**
   * Runs a worker on a pre-filled queue until {@code jobs} completed (delete included) or the cap.
   */
  private DrainResult drainWith(QueueManager m, int threads, int jobs) throws InterruptedException {
    Worker worker =
        Worker.builder().manager(m).queues(QUEUE).threads(threads).maxJobs(jobs).build();
    long t0 = System.nanoTime();
    worker.start();
    long cap = t0 + profile.drainCap().toNanos();
    long done;
    while ((done = worker.processedJobs()) < jobs
        && System.nanoTime() < cap
        && !worker.isStopping()) {
      Thread.sleep(0, 200_000);
    }
    long elapsed = System.nanoTime() - t0;
    done = Math.min(worker.processedJobs(), jobs);
    worker.stop(Duration.ofSeconds(10));
    return new DrainResult(done * 1e9 / elapsed, done, done < jobs);
  }

  // 3. Idle latency
  // -------------------------------------------------------------------------------------------

  private void idleLatency() throws Exception {
    int samples = profile.latencySamples();
    int warm = Math.min(50, Math.max(5, samples / 10));
    long[] lat = new long[samples + warm];
    AtomicInteger idx = new AtomicInteger();
    Semaphore started = new Semaphore(0);
    try (QueueManager m =
        driver.manager(
            registry(
                nanos -> {
                  lat[idx.getAndIncrement()] = nanos;
                  started.release();
                }))) {
      Worker worker = Worker.builder().manager(m).queues(QUEUE).threads(1).build();
      worker.start();
      try {
        QueueConnection c = m.connection();
        Thread.sleep(100);
        for (int i = 0; i < samples + warm; i++) {
          Thread.sleep(5); // the worker goes back to waiting for work
          c.push("latency", System.nanoTime(), QUEUE);
          if (!started.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no handler start within 10 s after push " + i);
          }
        }
      } finally {
        worker.stop(Duration.ofSeconds(5));
      }
    }
    long[] measured = java.util.Arrays.copyOfRange(lat, warm, warm + samples);
    Percentiles p = new Percentiles(measured, samples);
    results.number(driver.name + "/idle_p50", p.millis(50));
    results.number(driver.name + "/idle_p99", p.millis(99));
    results.put(
        SECTION,
        "idle latency p50 / p99 / max (ms)",
        col,
        Percentiles.ms(p.millis(50))
            + " / "
            + Percentiles.ms(p.millis(99))
            + " / "
            + Percentiles.ms(p.maxMillis()));
  }

  // 4. Steady state
  // -------------------------------------------------------------------------------------------

  private void steadyState() throws Exception {
    int rate = driver.steadyRate;
    int total = (int) (rate * profile.steadyDuration().toMillis() / 1000);
    long[] lat = new long[total];
    AtomicInteger idx = new AtomicInteger();
    AtomicLong pushedAt = new AtomicLong();
    try (QueueManager m =
        driver.manager(
            registry(
                nanos -> {
                  int i = idx.getAndIncrement();
                  if (i < lat.length) {
                    lat[i] = nanos;
                  }
                }))) {
      Worker worker = Worker.builder().manager(m).queues(QUEUE).threads(8).build();
      worker.start();
      try {
        QueueConnection c = m.connection();
        Thread.sleep(100);
        long interval = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
          long due = t0 + i * interval;
          long now;
          while ((now = System.nanoTime()) < due) {
            long left = due - now;
            if (left > 200_000) {
              Thread.sleep(0, (int) Math.min(999_999, left - 100_000));
            } else {
              Thread.onSpinWait();
            }
          }
          c.push("latency", System.nanoTime(), QUEUE);
        }
        pushedAt.set(System.nanoTime() - t0);
        long cap = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (idx.get() < total && System.nanoTime() < cap) {
          Thread.sleep(1);
        }
      } finally {
        worker.stop(Duration.ofSeconds(5));
      }
    }
    int got = Math.min(idx.get(), total);
    Percentiles p = new Percentiles(lat, got);
    double achieved = total * 1e9 / pushedAt.get();
    results.number(driver.name + "/steady_p99", p.millis(99));
    results.put(
        SECTION,
        "steady state: offered / achieved rate (jobs/s)",
        col,
        String.format(Locale.ROOT, "%,d / %,.0f", rate, achieved));
    results.put(
        SECTION,
        "steady state p50 / p95 / p99 (ms)",
        col,
        Percentiles.ms(p.millis(50))
            + " / "
            + Percentiles.ms(p.millis(95))
            + " / "
            + Percentiles.ms(p.millis(99))
            + (got < total ? String.format(Locale.ROOT, " (%,d of %,d started)", got, total) : ""));
  }

  // 5. Delayed precision
  // --------------------------------------------------------------------------------------

  private void delayed() throws Exception {
    int n = profile.delayedJobs();
    long[] lat = new long[n];
    AtomicInteger idx = new AtomicInteger();
    try (QueueManager m =
        driver.manager(
            registry(
                nanos -> {
                  int i = idx.getAndIncrement();
                  if (i < lat.length) {
                    lat[i] = nanos;
                  }
                }))) {
      Worker worker = Worker.builder().manager(m).queues(QUEUE).threads(8).build();
      worker.start();
      try {
        QueueConnection c = m.connection();
        // Due on a whole second: the database wire format stores whole seconds.
        long wallNow = System.currentTimeMillis();
        long nanoNow = System.nanoTime();
        long lead = profile.delayedLeadMillis();
        long dueWall = ((wallNow + lead) / 1000 + 1) * 1000;
        long dueNano = nanoNow + (dueWall - wallNow) * 1_000_000L;
        for (int i = 0; i < n; i++) {
          long delayMs = dueWall - System.currentTimeMillis();
          // The handler subtracts its data from nanoTime: pass the due instant, so it reports
          // lateness.
          c.later(Duration.ofMillis(Math.max(0, delayMs)), "latency", dueNano, QUEUE);
        }
        long pushedLate = System.currentTimeMillis() - dueWall;
        if (pushedLate > 0) {
          results.notes.add(
              String.format(
                  Locale.ROOT,
                  "%s delayed precision: the %,d pushes ended %,d ms after the "
                      + "due instant; lateness includes that.",
                  driver.name,
                  n,
                  pushedLate));
        }
        long cap = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (idx.get() < n && System.nanoTime() < cap) {
          Thread.sleep(1);
        }
      } finally {
        worker.stop(Duration.ofSeconds(5));
      }
    }
    int got = Math.min(idx.get(), n);
    Percentiles p = new Percentiles(lat, got);
    results.number(driver.name + "/delayed_p99", p.millis(99));
    results.put(
        SECTION,
        "delayed lateness p50 / p99 / max (ms)",
        col,
        Percentiles.ms(p.millis(50))
            + " / "
            + Percentiles.ms(p.millis(99))
            + " / "
            + Percentiles.ms(p.maxMillis())
            + (got < n ? String.format(Locale.ROOT, " (%,d of %,d started)", got, n) : ""));
  }

  // 6. Memory
  // -------------------------------------------------------------------------------------------------

  private void memory() throws Exception {
    int n = profile.memoryBacklog();
    try (QueueManager m = driver.manager(registry(NONE))) {
      long base = heapAfterGc();
      bulk(m.connection(), n);
      // The most threads of the profile: heap must not scale with the backlog whatever the speed,
      // and it is faster.
      DrainResult r =
          drainWith(m, java.util.Arrays.stream(profile.drainThreads()).max().orElse(8), n);
      long after = heapAfterGc();
      results.number(driver.name + "/heap_after_mb", after / 1048576.0);
      results.put(
          SECTION,
          String.format(Locale.ROOT, "heap after GC: before / after draining a backlog (MB)"),
          col,
          String.format(
              Locale.ROOT,
              "%.1f / %.1f (%,d jobs%s)",
              base / 1048576.0,
              after / 1048576.0,
              r.done(),
              r.partial() ? ", partial" : ""));
    }
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
