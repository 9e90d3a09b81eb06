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
package org.thinkqueue.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.NamedWorker;
import org.thinkqueue.worker.Worker;

/**
 * The workers of {@code think-queue.worker.*} (or, when there are any, {@code
 * think-queue.workers.*}), run as one {@link SmartLifecycle}: built (and their settings checked)
 * with the context, started once it is refreshed, and stopped when it closes, before any singleton
 * is destroyed and so before the data sources and Redis clients close.
 *
 * <p>Stopping: each worker stops reserving, lets running jobs finish within its {@code stop-grace}
 * (capped by {@code spring.lifecycle.timeout-per-shutdown-phase}) and releases the rest to their
 * queues, all workers in parallel, off the closing thread. If the context's lifecycle processor
 * gave up waiting, {@link #close()} (called when this bean is destroyed, still before the data
 * sources it depends on) releases what still runs at once.
 *
 * <p>Thread-safe.
 */
public class ThinkQueueWorkers implements SmartLifecycle, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ThinkQueueWorkers.class);

  /**
   * The lifecycle phase: the last to start, the first to stop ({@link
   * SmartLifecycle#DEFAULT_PHASE}), so workers start after the web server and stop before it, in a
   * phase of their own.
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

  private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

  /** The part of the shutdown phase kept for releasing unfinished jobs and closing. */
  static final Duration RELEASE_MARGIN = Duration.ofSeconds(2);

  private final QueueManager manager;
  private final Map<String, Worker> workers;
  private final Map<String, Duration> stopGraces;
  private final Object lock = new Object();
  private volatile boolean running;

  /**
   * Builds the workers; none starts a thread yet.
   *
   * @param manager the queue manager the workers take connections and the registry from
   * @param properties the properties
   * @param environment for {@code spring.threads.virtual.enabled} and {@code
   *     spring.lifecycle.timeout-per-shutdown-phase}
   * @throws
   *     org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     naming the property whose value a worker refuses
   */
  public ThinkQueueWorkers(
      QueueManager manager, ThinkQueueProperties properties, Environment environment) {
    this(manager, properties, environment, List.of(), List.of());
  }

  /**
   * Builds the workers; none starts a thread yet.
   *
   * @param manager the queue manager the workers take connections and the registry from
   * @param properties the properties
   * @param environment for {@code spring.threads.virtual.enabled} and {@code
   *     spring.lifecycle.timeout-per-shutdown-phase}
   * @param listeners listeners every worker reports to
   * @param middleware middleware around every handler, the first outermost
   * @throws
   *     org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     naming the property whose value a worker refuses
   */
  public ThinkQueueWorkers(
      QueueManager manager,
      ThinkQueueProperties properties,
      Environment environment,
      List<WorkerListener> listeners,
      List<JobMiddleware> middleware) {
    this.manager = manager;
    Binder binder = Binder.get(environment);
    Duration phaseTimeout =
        binder
            .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
    boolean virtual =
        binder.bind("spring.threads.virtual.enabled", Boolean.class).orElse(false)
            && Runtime.version().feature() >= 21;
    Map<String, NamedWorker> named = properties.workers();
    ThinkQueueProperties.Worker base = properties.worker();
    Map<String, Worker> built = new LinkedHashMap<>();
    Map<String, Duration> graces = new LinkedHashMap<>();
    try {
      if (named.isEmpty()) {
        String prefix = ThinkQueueProperties.PREFIX + ".worker";
        built.put(
            "worker",
            build(manager, prefix, "worker", settings(base), virtual, listeners, middleware));
        graces.put("worker", cap(base.stopGrace(), phaseTimeout, prefix));
      } else {
        for (Map.Entry<String, NamedWorker> e : named.entrySet()) {
          NamedWorker w = e.getValue();
          if (w.enabled() != null && !w.enabled()) {
            continue;
          }
          String prefix = ThinkQueueProperties.PREFIX + ".workers." + e.getKey();
          Settings s = settings(base).with(w);
          built.put(
              e.getKey(), build(manager, prefix, e.getKey(), s, virtual, listeners, middleware));
          graces.put(e.getKey(), cap(s.stopGrace, phaseTimeout, prefix));
        }
      }
    } catch (RuntimeException e) {
      built.values().forEach(Worker::close);
      throw e;
    }
    this.workers = Collections.unmodifiableMap(built);
    this.stopGraces = graces;
  }

  /**
   * The workers by name: {@code worker} for the one of {@code think-queue.worker.*}, else the names
   * under {@code think-queue.workers}.
   *
   * @return an unmodifiable map
   */
  public Map<String, Worker> workers() {
    return workers;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      if (!workers.isEmpty() && manager.registry().names().isEmpty()) {
        // A worker without handlers would take jobs meant for other workers (PHP's) and fail them.
        LOG.warn(
            "No job handlers registered: workers {} not started (declare JobHandler or @QueueJob"
                + " beans, or set think-queue.worker.enabled=false on nodes that only push)",
            workers.keySet());
        return;
      }
      workers.values().forEach(Worker::start);
    }
  }

  @Override
  public void stop() {
    stopAll();
  }

  @Override
  public void stop(Runnable callback) {
    Thread stopper =
        new Thread(
            () -> {
              try {
                stopAll();
              } finally {
                callback.run();
              }
            },
            "queue-workers-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  private void stopAll() {
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
    }
    List<Thread> stoppers = new ArrayList<>();
    workers.forEach(
        (name, worker) -> {
          Thread t =
              new Thread(
                  () -> {
                    worker.stop(stopGraces.get(name));
                    worker.close();
                  },
                  "queue-stop-" + name);
          t.setDaemon(true);
          t.start();
          stoppers.add(t);
        });
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Releases the jobs still running to their queues at once and frees the workers' threads: for
   * when the context is destroyed without a graceful stop, or the stop outlasted the shutdown
   * phase. Idempotent.
   */
  @Override
  public void close() {
    running = false;
    for (Worker worker : workers.values()) {
      worker.stop(Duration.ZERO);
      worker.close();
    }
  }

  /**
   * The stop grace that fits the shutdown phase, keeping {@link #RELEASE_MARGIN} of it to release
   * the jobs still running and close, so the phase never times out on the workers.
   */
  static Duration cap(Duration stopGrace, Duration phaseTimeout, String prefix) {
    Duration limit = phaseTimeout.minus(RELEASE_MARGIN);
    if (limit.isNegative()) {
      limit = Duration.ZERO;
    }
    if (stopGrace == null || stopGrace.compareTo(limit) <= 0) {
      return stopGrace;
    }
    if (stopGrace.compareTo(phaseTimeout) > 0) {
      LOG.warn(
          "{}.stop-grace {} is longer than spring.lifecycle.timeout-per-shutdown-phase {}: jobs still "
              + "running after {} are released at shutdown",
          prefix,
          stopGrace,
          phaseTimeout,
          limit);
    }
    return limit;
  }

  private static Worker build(
      QueueManager manager,
      String prefix,
      String name,
      Settings s,
      boolean virtual,
      List<WorkerListener> listeners,
      List<JobMiddleware> middleware) {
    Worker.Builder b = Worker.builder().manager(manager);
    listeners.forEach(b::listener);
    middleware.forEach(b::middleware);
    if (s.connection != null && !s.connection.isBlank()) {
      PropertyChecks.apply(
          prefix + ".connection", s.connection, () -> manager.connection(s.connection));
      b.connection(s.connection);
    }
    List<String> queues = s.queues.isEmpty() ? List.of(manager.defaultQueue()) : s.queues;
    PropertyChecks.apply(prefix + ".queues", queues, () -> b.queues(queues));
    PropertyChecks.apply(prefix + ".threads", s.threads, () -> b.threads(s.threads));
    PropertyChecks.apply(prefix + ".tries", s.tries, () -> b.tries(s.tries));
    if (!s.backoff.isEmpty()) {
      PropertyChecks.apply(
          prefix + ".backoff", s.backoff, () -> b.backoff(s.backoff.toArray(new Duration[0])));
    }
    PropertyChecks.apply(prefix + ".sleep", s.sleep, () -> b.sleep(s.sleep));
    PropertyChecks.apply(prefix + ".timeout", s.timeout, () -> b.timeout(s.timeout));
    PropertyChecks.apply(
        prefix + ".timeout-grace", s.timeoutGrace, () -> b.timeoutGrace(s.timeoutGrace));
    PropertyChecks.apply(prefix + ".stop-grace", s.stopGrace, () -> b.stopGrace(s.stopGrace));
    PropertyChecks.apply(
        prefix + ".memory-limit-mb", s.memoryLimitMb, () -> b.memoryLimitMb(s.memoryLimitMb));
    PropertyChecks.apply(
        prefix + ".max-payload-read-bytes",
        s.maxPayloadReadBytes,
        () -> b.maxPayloadReadBytes(s.maxPayloadReadBytes));
    if (virtual) {
      b.threadFactory(virtualThreads(name));
    }
    return b.build();
  }

  /** Java 21+ only; Spring's executor hides {@code Thread.ofVirtual()} from this Java 17 code. */
  private static ThreadFactory virtualThreads(String name) {
    return new VirtualThreadTaskExecutor("queue-worker-" + name + "-").getVirtualThreadFactory();
  }

  private static Settings settings(ThinkQueueProperties.Worker w) {
    return new Settings(
        w.connection(),
        w.queues(),
        w.threads(),
        w.tries(),
        w.backoff(),
        w.sleep(),
        w.timeout(),
        w.timeoutGrace(),
        w.stopGrace(),
        w.memoryLimitMb(),
        w.maxPayloadReadBytes());
  }

  /** One worker's effective settings: a named worker's, falling back to think-queue.worker.*. */
  private static final class Settings {
    final String connection;
    final List<String> queues;
    final int threads;
    final int tries;
    final List<Duration> backoff;
    final Duration sleep;
    final Duration timeout;
    final Duration timeoutGrace;
    final Duration stopGrace;
    final int memoryLimitMb;
    final int maxPayloadReadBytes;

    Settings(
        String connection,
        List<String> queues,
        int threads,
        int tries,
        List<Duration> backoff,
        Duration sleep,
        Duration timeout,
        Duration timeoutGrace,
        Duration stopGrace,
        int memoryLimitMb,
        int maxPayloadReadBytes) {
      this.connection = connection;
      this.queues = queues;
      this.threads = threads;
      this.tries = tries;
      this.backoff = backoff;
      this.sleep = sleep;
      this.timeout = timeout;
      this.timeoutGrace = timeoutGrace;
      this.stopGrace = stopGrace;
      this.memoryLimitMb = memoryLimitMb;
      this.maxPayloadReadBytes = maxPayloadReadBytes;
    }

    Settings with(NamedWorker w) {
      return new Settings(
          w.connection() != null ? w.connection() : connection,
          w.queues() != null ? w.queues() : queues,
          w.threads() != null ? w.threads() : threads,
          w.tries() != null ? w.tries() : tries,
          w.backoff() != null ? w.backoff() : backoff,
          w.sleep() != null ? w.sleep() : sleep,
          w.timeout() != null ? w.timeout() : timeout,
          w.timeoutGrace() != null ? w.timeoutGrace() : timeoutGrace,
          w.stopGrace() != null ? w.stopGrace() : stopGrace,
          w.memoryLimitMb() != null ? w.memoryLimitMb() : memoryLimitMb,
          w.maxPayloadReadBytes() != null ? w.maxPayloadReadBytes() : maxPayloadReadBytes);
    }
  }
}
