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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.jdbc.JdbcLimiterStore;
import org.thinkqueue.limit.ConcurrencyLimited;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateDecision;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.limit.RateLimited;
import org.thinkqueue.redis.RedisLimiterStore;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.RedisClient;

/**
 * A worker JVM for {@link LimitsSuite}: runs {@value #JOB} jobs (data: the job's number) through a
 * handler whose policy declares a limit, as an application would, and appends to its run log {@code
 * A <n>} for each attempt (before the limit), {@code S <n> <µs> <key> <asked µs> <delay µs>} when
 * the handler starts (asked: when this thread asked the store for the permit the handler runs
 * under; delay: the slot's delay the store granted; 0 0 without a rate limit) and {@code D <n> <µs>
 * <key>} when it ends (µs: Unix microseconds of this machine's clock), {@code R} once connected.
 * Each line is one unbuffered append, so what a SIGKILL leaves is exactly what had happened.
 *
 * <p>Arguments: run log, threads, retryAfter ms, handler work ms, mode, mode arguments, then {@link
 * Target#toArgs()}. Modes: {@code rate <permits per second> <burst> <maxDelay ms>} (one key for
 * every job) and {@code overlap <keys> <lease ms> <retryDelay ms>} (job n has key n % keys, at most
 * one handler per key). Stops on SIGTERM.
 */
public final class LimitedWorkerMain {
  static final String JOB = "Limited";
  static final String NAMESPACE_SUFFIX = ":limits";

  private LimitedWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String log = args[0];
    int threads = Integer.parseInt(args[1]);
    Duration retryAfter = Duration.ofMillis(Long.parseLong(args[2]));
    long workMillis = Long.parseLong(args[3]);
    String mode = args[4];
    long a = Long.parseLong(args[5]);
    long b = Long.parseLong(args[6]);
    long c = Long.parseLong(args[7]);
    Target target = Target.fromArgs(args, 8);
    int status;
    try (FileOutputStream out = new FileOutputStream(log, true);
        Limits limits = Limits.open(target)) {
      JobMiddleware limit;
      LimitKeyOf keyOf;
      if (mode.equals("rate")) {
        keyOf = n -> "rate";
        limit =
            RateLimited.builder(
                    new TimedStore(limits.store),
                    RateLimit.perSecond((int) a).withBurst((int) b),
                    (job, data) -> keyOf.key((Integer) data))
                .maxDelay(Duration.ofMillis(c))
                .build();
      } else {
        keyOf = n -> "k" + (n % a);
        limit =
            ConcurrencyLimited.builder(limits.store, 1, (job, data) -> keyOf.key((Integer) data))
                .lease(Duration.ofMillis(b))
                .retryDelay(Duration.ofMillis(c))
                .build();
      }
      JobPolicy policy =
          JobPolicy.builder()
              .middleware(
                  (job, data, next) -> {
                    append(out, "A " + data + "\n");
                    next.proceed();
                  },
                  limit)
              .build();
      JobRegistry registry =
          new JobRegistry()
              .register(
                  JOB,
                  Integer.class,
                  new JobHandler<Integer>() {
                    @Override
                    public void fire(Job job, Integer n) throws Exception {
                      String key = keyOf.key(n);
                      long[] grant = TimedStore.LAST_GRANT.get();
                      TimedStore.LAST_GRANT.remove();
                      append(
                          out,
                          "S " + n + " " + micros() + " " + key + " " + grant[0] + " " + grant[1]
                              + "\n");
                      if (workMillis > 0) {
                        Thread.sleep(workMillis);
                      }
                      append(out, "D " + n + " " + micros() + " " + key + "\n");
                      job.delete();
                    }

                    @Override
                    public JobPolicy policy() {
                      return policy;
                    }
                  });
      try (Target.Opened opened = target.open(retryAfter, registry, threads + 3)) {
        Worker worker =
            Worker.builder()
                .manager(opened.manager())
                .queues(target.queue())
                .threads(threads)
                // Snoozes use no attempt; a release would (this run must never fail a job).
                .tries(100_000)
                .sleep(Duration.ofMillis(200))
                .stopGrace(Duration.ofSeconds(2))
                .shutdownHook(true)
                .build();
        append(out, "R\n");
        status = worker.run();
      }
    }
    System.exit(status);
  }

  static long micros() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000L;
  }

  private static void append(FileOutputStream out, String line) {
    synchronized (out) {
      try {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The store, noting on the asking thread when it asked for the last permit it was granted and
   * with which delay: the permit's slot opened no earlier than asked + delay (the store's clock is
   * this machine's), so a handler start later than that is the worker's lateness.
   */
  static final class TimedStore implements LimiterStore {
    static final ThreadLocal<long[]> LAST_GRANT = ThreadLocal.withInitial(() -> new long[2]);
    private final LimiterStore store;

    TimedStore(LimiterStore store) {
      this.store = store;
    }

    @Override
    public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
      long asked = micros();
      RateDecision d = store.acquire(key, limit, maxDelay);
      if (d.isGranted()) {
        LAST_GRANT.set(new long[] {asked, d.delay().toNanos() / 1000});
      }
      return d;
    }

    @Override
    public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
      return store.acquireLease(key, maxLeases, leaseTime);
    }

    @Override
    public boolean renewLease(String key, String token, Duration leaseTime) {
      return store.renewLease(key, token, leaseTime);
    }

    @Override
    public void releaseLease(String key, String token) {
      store.releaseLease(key, token);
    }
  }

  /** The limit key of job n. */
  @FunctionalInterface
  interface LimitKeyOf {
    String key(int n);
  }

  /** The limiter store on the target's server, on a client of its own. */
  static final class Limits implements AutoCloseable {
    final LimiterStore store;
    private final AutoCloseable resource;

    private Limits(LimiterStore store, AutoCloseable resource) {
      this.store = store;
      this.resource = resource;
    }

    static Limits open(Target target) {
      if (target.kind() == Target.Kind.REDIS) {
        RedisClient client = RedisClient.create(target.url());
        return new Limits(new RedisLimiterStore(client, target.queue() + NAMESPACE_SUFFIX), client);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(target.url());
      config.setPoolName("limits-" + target.queue());
      config.setMaximumPoolSize(4);
      HikariDataSource pool = new HikariDataSource(config);
      return new Limits(
          JdbcLimiterStore.builder(pool)
              .limitTable(target.store() + "_limits")
              .leaseTable(target.store() + "_leases")
              .build(),
          pool);
    }

    @Override
    public void close() throws Exception {
      resource.close();
    }
  }
}
