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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;

/**
 * The measurements of rate and concurrency limits (#13), with worker JVMs: 4 processes x 8
 * threads work 2,000 jobs under a rate limit of 50/s on one key, which must take about 40 s with no
 * second above the limit, measured from the handlers' own timestamps; and a concurrency limit of 1
 * per key must never let two handlers of one key overlap, even when a worker holding a key is
 * killed with SIGKILL. Written once, run per backend.
 *
 * <p>Needs {@code Job.snooze} in the worker and handler middleware run from {@code
 * JobHandler.policy()} (until both are there the first attempt of a job over the limit throws).
 *
 * <p>The handlers' timestamps come from four JVMs on one machine, and a handler starts a little
 * after its slot (its thread wakes late, more so on a loaded machine), so a calendar second of
 * starts can hold a late handler of the second before. Each handler therefore also notes when it
 * asked for its permit and the delay it was granted: its slot opened between asked + delay and its
 * start (the store's clock is the machine's). "No second above the limit" is checked on those
 * intervals: no second [a, a + 1 s) wholly contains the intervals of more than 50 handlers, which
 * slots 1/50 s apart guarantee however late the handlers were, and which a limiter granting more
 * would break. The plain counts of starts per second and the lateness are printed too. {@code
 * -Dlimits.maxSeconds} (default 50) bounds the rate run's duration; {@code -Dlimits.keepLogs=true}
 * keeps the run logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
abstract class LimitsSuite {
  static final int PROCESSES = 4;
  static final int THREADS = 8;
  static final int RATE_JOBS = 2_000;
  static final int RATE = 50;
  static final double MAX_SECONDS =
      Double.parseDouble(System.getProperty("limits.maxSeconds", "50"));
  static final int OVERLAP_KEYS = 8;
  static final int OVERLAP_JOBS = 400;
  static final long OVERLAP_WORK_MILLIS = 50;
  static final Duration LEASE = Duration.ofSeconds(2);
  static final Duration RETRY_DELAY = Duration.ofMillis(200);
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final String name;

  LimitsSuite(String name) {
    this.name = name;
  }

  /** Where the workers work: a fresh queue (tables made) named after {@code uid}. */
  abstract Target target(String uid);

  /** Deletes what {@link #target} made. */
  abstract void cleanUp(Target target);

  /** How long a rate-limited job waits on its thread for a slot (RateLimited.maxDelay). */
  abstract Duration rateMaxDelay();

  @Test
  void aRateLimitOf50PerSecondHoldsAcrossFourWorkerProcesses() throws Exception {
    Path dir = Files.createTempDirectory("tq-limits-rate");
    Target target = target("lim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    try (Target.Opened producer = target.open(RETRY_AFTER, producerRegistry(), 2);
        LimitedWorkers workers =
            new LimitedWorkers(
                dir, args(target, 60_000, 0, "rate", RATE, 1, rateMaxDelay().toMillis()))) {
      startAndAwaitReady(workers);
      producer
          .manager()
          .bulk(
              LimitedWorkerMain.JOB,
              IntStream.range(0, RATE_JOBS).boxed().toList(),
              target.queue());
      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Events.read(workers).done().size() == RATE_JOBS);
      Events events = Events.read(workers);

      List<Long> starts = new ArrayList<>();
      List<long[]> slots = new ArrayList<>();
      List<Long> lateness = new ArrayList<>();
      int[] runs = new int[RATE_JOBS];
      int unpermitted = 0;
      for (Event e : events.all) {
        if (e.type == 'S') {
          if (e.asked <= 0 || e.asked > e.micros) {
            unpermitted++;
            continue;
          }
          starts.add(e.micros);
          slots.add(new long[] {Math.min(e.micros, e.asked + e.delay), e.micros});
          lateness.add(Math.max(0, e.micros - e.asked - e.delay));
          runs[e.n]++;
        }
      }
      assertThat(unpermitted)
          .as("handlers that ran without a permit of the store (is the policy's middleware run?)")
          .isZero();
      starts.sort(Long::compare);
      lateness.sort(Long::compare);
      long latest = lateness.get(lateness.size() - 1);
      double seconds = (starts.get(starts.size() - 1) - starts.get(0)) / 1e6;
      int maxInWindow = maxSlotsInASecond(slots);
      Map<Long, Integer> perSecond = new TreeMap<>();
      starts.forEach(s -> perSecond.merge(s / 1_000_000L, 1, Integer::sum));
      int maxPerSecond = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      long attempts = events.all.stream().filter(e -> e.type == 'A').count();
      int ranTwice = (int) IntStream.of(runs).filter(r -> r > 1).count();
      System.out.printf(
          "[limits] %s rate %d/s: %d jobs, %d processes x %d threads, first to last start %.2f s"
              + " (%.1f jobs/s); most slots in any 1 s %d; handler starts: most in any 1 s %d, in a"
              + " calendar second %d, lateness after the slot p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " %d attempts (%.2f per job, %d snoozes)%n",
          name,
          RATE,
          RATE_JOBS,
          PROCESSES,
          THREADS,
          seconds,
          (RATE_JOBS - 1) / seconds,
          maxInWindow,
          maxInWindow(starts, 1_000_000L),
          maxPerSecond,
          lateness.get(lateness.size() / 2) / 1e3,
          lateness.get(lateness.size() * 99 / 100) / 1e3,
          latest / 1e3,
          attempts,
          attempts / (double) RATE_JOBS,
          attempts - starts.size());

      assertThat(attempts)
          .as("attempts through the policy's middleware")
          .isGreaterThanOrEqualTo(RATE_JOBS);
      assertThat(ranTwice).as("jobs whose handler ran more than once").isZero();
      assertThat(maxInWindow)
          .as("handlers whose slots fell within one second (the limit: %d per second)", RATE)
          .isLessThanOrEqualTo(RATE);
      assertThat(seconds)
          .as("first to last start of %d jobs at %d/s", RATE_JOBS, RATE)
          .isGreaterThanOrEqualTo((RATE_JOBS - 1) / (double) RATE - latest / 1e6)
          .isLessThanOrEqualTo(MAX_SECONDS);
      assertThat(attempts)
          .as("attempts: a job over the limit comes back at its turn, not in a loop")
          .isLessThanOrEqualTo(4L * RATE_JOBS);
      assertThat(producer.manager().failed().count()).as("failed jobs").isZero();
    } finally {
      cleanUp(target);
      if (Boolean.getBoolean("limits.keepLogs")) {
        System.out.println("[limits] run logs kept in " + dir);
      } else {
        ChildWorkers.deleteQuietly(dir);
      }
    }
  }

  @Test
  void aConcurrencyLimitOfOneNeverOverlapsTwoHandlersOfAKeyEvenAcrossASigkill() throws Exception {
    Path dir = Files.createTempDirectory("tq-limits-overlap");
    Target target = target("lim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    try (Target.Opened producer = target.open(RETRY_AFTER, producerRegistry(), 2);
        LimitedWorkers workers =
            new LimitedWorkers(
                dir,
                args(
                    target,
                    RETRY_AFTER.toMillis(),
                    OVERLAP_WORK_MILLIS,
                    "overlap",
                    OVERLAP_KEYS,
                    LEASE.toMillis(),
                    RETRY_DELAY.toMillis()))) {
      startAndAwaitReady(workers);
      producer
          .manager()
          .bulk(
              LimitedWorkerMain.JOB,
              IntStream.range(0, OVERLAP_JOBS).boxed().toList(),
              target.queue());

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Events.read(workers).done().size() >= OVERLAP_JOBS / 3);
      // Kill a worker while its log shows a handler in flight. The handler may still end between
      // the look and the kill: then the kill caught nothing held, and another worker is tried.
      LimitedWorkers.Child victim = null;
      List<String> heldKeys = List.of();
      for (int tries = 0; tries < 10 && heldKeys.isEmpty(); tries++) {
        victim =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(
                    () ->
                        workers.alive().stream()
                            .filter(c -> !Events.of(c).inFlight().isEmpty())
                            .findFirst()
                            .orElse(null),
                    c -> c != null);
        workers.kill(victim);
        workers.start();
        heldKeys = Events.of(victim).inFlight().stream().map(e -> e.key).toList();
      }
      LimitedWorkers.Child killed = victim;

      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  Events.read(workers).done().size() == OVERLAP_JOBS
                      && producer.manager().connection().size(target.queue()).total() == 0
                      && workers.alive().stream().allMatch(c -> Events.of(c).inFlight().isEmpty()));
      Events events = Events.read(workers);

      // Intervals per key: start to end, or to the kill for the handlers the kill interrupted.
      Map<String, List<long[]>> intervals = new HashMap<>();
      for (LimitedWorkers.Child c : workers.all()) {
        Map<Integer, Event> open = new HashMap<>();
        for (Event e : Events.of(c).all) {
          if (e.type == 'S') {
            open.put(e.n, e);
          } else if (e.type == 'D') {
            Event s = open.remove(e.n);
            intervals
                .computeIfAbsent(e.key, k -> new ArrayList<>())
                .add(new long[] {s.micros, e.micros});
          }
        }
        for (Event s : open.values()) {
          assertThat(c.killed).as("%s left a handler unfinished without being killed", c).isTrue();
          intervals
              .computeIfAbsent(s.key, k -> new ArrayList<>())
              .add(new long[] {s.micros, c.killedAtMicros});
        }
      }
      List<String> overlaps = new ArrayList<>();
      for (Map.Entry<String, List<long[]>> e : intervals.entrySet()) {
        List<long[]> list = e.getValue();
        list.sort(Comparator.comparingLong(i -> i[0]));
        for (int i = 1; i < list.size(); i++) {
          if (list.get(i)[0] < list.get(i - 1)[1]) {
            overlaps.add(
                e.getKey()
                    + ": "
                    + list.get(i)[0]
                    + " starts before "
                    + list.get(i - 1)[1]
                    + " ends");
          }
        }
      }
      long recovery = 0;
      for (String key : heldKeys) {
        long next =
            intervals.get(key).stream()
                .mapToLong(i -> i[0])
                .filter(s -> s > killed.killedAtMicros)
                .min()
                .orElseThrow();
        recovery = Math.max(recovery, next - killed.killedAtMicros);
      }
      long attempts = events.all.stream().filter(e -> e.type == 'A').count();
      long handlers = events.all.stream().filter(e -> e.type == 'S').count();
      System.out.printf(
          "[limits] %s without overlapping: %d jobs on %d keys, %d processes x %d threads, %d"
              + " handlers (%d attempts), killed %s holding %s; its keys ran again %.2f s after the"
              + " kill (lease %s); overlaps %d%n",
          name,
          OVERLAP_JOBS,
          OVERLAP_KEYS,
          PROCESSES,
          THREADS,
          handlers,
          attempts,
          victim,
          heldKeys,
          recovery / 1e6,
          LEASE,
          overlaps.size());

      assertThat(heldKeys).as("the kill caught a handler holding its key").isNotEmpty();
      assertThat(overlaps).as("handlers of one key that overlapped").isEmpty();
      assertThat(Duration.ofNanos(recovery * 1000))
          .as("a killed worker's key is free again after its lease")
          .isLessThanOrEqualTo(LEASE.plus(RETRY_DELAY.multipliedBy(2)).plusSeconds(3));
      assertThat(producer.manager().failed().count()).as("failed jobs").isZero();
    } finally {
      cleanUp(target);
      if (Boolean.getBoolean("limits.keepLogs")) {
        System.out.println("[limits] run logs kept in " + dir);
      } else {
        ChildWorkers.deleteQuietly(dir);
      }
    }
  }

  /**
   * The most handlers that certainly started under a slot within one second: those whose interval
   * (asked + delay, start), which holds their slot, lies within [a, a + 1 s) for some a. Slots
   * 1/RATE apart put at most RATE in any such second, however late the handlers started.
   */
  private static int maxSlotsInASecond(List<long[]> slots) {
    slots.sort(Comparator.comparingLong(i -> i[0]));
    int max = 0;
    for (int j = 0; j < slots.size(); j++) {
      long end = slots.get(j)[0] + 1_000_000L;
      int n = 0;
      for (int i = j; i < slots.size() && slots.get(i)[0] < end; i++) {
        if (slots.get(i)[1] < end) {
          n++;
        }
      }
      max = Math.max(max, n);
    }
    return max;
  }

  /** The most of the sorted {@code times} within any {@code window}. */
  private static int maxInWindow(List<Long> times, long window) {
    int max = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (times.get(i) - times.get(j) >= window) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  private static List<String> args(
      Target target, long retryAfterMillis, long workMillis, String mode, long a, long b, long c) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(THREADS));
    args.add(Long.toString(retryAfterMillis));
    args.add(Long.toString(workMillis));
    args.add(mode);
    args.add(Long.toString(a));
    args.add(Long.toString(b));
    args.add(Long.toString(c));
    args.addAll(target.toArgs());
    return args;
  }

  private static void startAndAwaitReady(LimitedWorkers workers) {
    for (int i = 0; i < PROCESSES; i++) {
      workers.start();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> workers.all().stream().allMatch(workers::ready));
  }

  private static JobRegistry producerRegistry() {
    return new JobRegistry()
        .handle(
            LimitedWorkerMain.JOB,
            Integer.class,
            n -> {
              throw new IllegalStateException("the producer runs no jobs");
            });
  }

  /** One run-log line: A (attempt), S (handler start), D (handler end). */
  record Event(char type, int n, long micros, String key, long asked, long delay) {}

  /** Run-log lines of one or all workers. */
  record Events(List<Event> all) {
    static Events read(LimitedWorkers workers) {
      List<Event> all = new ArrayList<>();
      for (LimitedWorkers.Child c : workers.all()) {
        all.addAll(of(c).all);
      }
      return new Events(all);
    }

    static Events of(LimitedWorkers.Child c) {
      List<Event> all = new ArrayList<>();
      for (String line : c.lines()) {
        String[] f = line.split(" ");
        if (f.length >= 2) {
          all.add(
              new Event(
                  f[0].charAt(0),
                  Integer.parseInt(f[1]),
                  f.length > 2 ? Long.parseLong(f[2]) : 0,
                  f.length > 3 ? f[3] : null,
                  f.length > 5 ? Long.parseLong(f[4]) : 0,
                  f.length > 5 ? Long.parseLong(f[5]) : 0));
        }
      }
      return new Events(all);
    }

    /** Jobs whose handler ended. */
    java.util.Set<Integer> done() {
      java.util.Set<Integer> done = new java.util.HashSet<>();
      all.stream().filter(e -> e.type == 'D').forEach(e -> done.add(e.n));
      return done;
    }

    /** Handler starts without their end. */
    List<Event> inFlight() {
      Map<Integer, Event> open = new HashMap<>();
      for (Event e : all) {
        if (e.type == 'S') {
          open.put(e.n, e);
        } else if (e.type == 'D') {
          open.remove(e.n);
        }
      }
      return List.copyOf(open.values());
    }
  }
}
