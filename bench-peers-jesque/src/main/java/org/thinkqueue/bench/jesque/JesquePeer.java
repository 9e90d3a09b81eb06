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
package org.thinkqueue.bench.jesque;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.greghaines.jesque.Config;
import net.greghaines.jesque.ConfigBuilder;
import net.greghaines.jesque.Job;
import net.greghaines.jesque.client.ClientImpl;
import net.greghaines.jesque.json.ObjectMapperFactory;
import net.greghaines.jesque.worker.MapBasedJobFactory;
import net.greghaines.jesque.worker.WorkerEvent;
import net.greghaines.jesque.worker.WorkerImpl;
import net.greghaines.jesque.worker.WorkerPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The Jesque side of the bench, in its own JVM because Jesque needs Jedis 2.x. Runs the same
 * enqueue and drain scenarios as the think-queue Redis driver with a no-op job, and prints one
 * {@code RESULT name value} line per figure (jobs/s) for the bench to parse.
 *
 * <p>Arguments: {@code host port jobs threads[,threads...]}.
 */
public final class JesquePeer {
  private static final String NAMESPACE = "thinkqueue-bench-jesque";
  private static final String QUEUE = "bench";
  private static final AtomicLong DONE = new AtomicLong();
  private static final AtomicLong FAILED = new AtomicLong();

  private JesquePeer() {}

  /** The no-op job: Jesque materializes a Runnable by class name. */
  public static final class Noop implements Runnable {
    @Override
    public void run() {}
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 6379;
    int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    String[] threadCounts = (args.length > 3 ? args[3] : "1,8,32").split(",");
    Config config =
        new ConfigBuilder().withHost(host).withPort(port).withNamespace(NAMESPACE).build();
    WorkerImpl.setThreadNameChangingEnabled(false);
    cleanup(host, port);
    try {
      ClientImpl client = new ClientImpl(config);
      try {
        long t0 = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
          client.enqueue(QUEUE, new Job("Noop"));
        }
        result("enqueue_1t", jobs, System.nanoTime() - t0);
        cleanup(host, port);
        for (String tc : threadCounts) {
          int threads = Integer.parseInt(tc.trim());
          enqueueBacklog(host, port, jobs);
          result("drain_" + threads + "t", jobs, drain(config, threads, jobs));
          cleanup(host, port);
        }
      } finally {
        client.end();
      }
    } finally {
      cleanup(host, port);
    }
  }

  /**
   * Jesque 2.1.2 has no batch enqueue: the backlog is written in its own layout through a pipeline
   * (untimed).
   */
  private static void enqueueBacklog(String host, int port, int jobs) throws Exception {
    try (Jedis jedis = new Jedis(host, port)) {
      jedis.sadd(NAMESPACE + ":queues", QUEUE);
      Pipeline p = jedis.pipelined();
      for (int i = 0; i < jobs; i++) {
        p.rpush(
            NAMESPACE + ":queue:" + QUEUE,
            ObjectMapperFactory.get().writeValueAsString(new Job("Noop")));
        if (i % 1000 == 999) {
          p.sync();
        }
      }
      p.sync();
    }
  }

  private static long drain(Config config, int threads, int jobs) throws InterruptedException {
    DONE.set(0);
    MapBasedJobFactory factory = new MapBasedJobFactory(Map.of("Noop", Noop.class));
    WorkerPool pool =
        new WorkerPool(
            () -> {
              WorkerImpl w = new WorkerImpl(config, List.of(QUEUE), factory);
              w.getWorkerEventEmitter()
                  .addListener(
                      (event, worker, queue, job, runner, result, t) -> DONE.incrementAndGet(),
                      WorkerEvent.JOB_SUCCESS);
              w.getWorkerEventEmitter()
                  .addListener(
                      (event, worker, queue, job, runner, result, t) -> FAILED.incrementAndGet(),
                      WorkerEvent.JOB_FAILURE);
              return w;
            },
            threads);
    long t0 = System.nanoTime();
    pool.run();
    long deadline = t0 + 600_000_000_000L;
    while (DONE.get() < jobs && FAILED.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    long elapsed = System.nanoTime() - t0;
    pool.endAndJoin(true, 10_000);
    if (FAILED.get() > 0) {
      throw new IllegalStateException(
          "Jesque failed " + FAILED.get() + " no-op jobs; see its failed list");
    }
    if (DONE.get() < jobs) {
      System.out.println("RESULT_PARTIAL drain_" + threads + "t " + DONE.get());
      return elapsed * jobs / Math.max(1, DONE.get());
    }
    return elapsed;
  }

  private static void result(String name, long jobs, long nanos) {
    System.out.printf(java.util.Locale.ROOT, "RESULT %s %.1f%n", name, jobs * 1e9 / nanos);
    System.out.flush();
  }

  private static void cleanup(String host, int port) {
    try (Jedis jedis = new Jedis(host, port)) {
      Set<String> keys = jedis.keys(NAMESPACE + ":*");
      if (!keys.isEmpty()) {
        jedis.del(keys.toArray(new String[0]));
      }
    }
  }
}
