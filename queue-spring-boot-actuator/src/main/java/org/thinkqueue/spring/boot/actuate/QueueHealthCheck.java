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
package org.thinkqueue.spring.boot.actuate;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.Redaction;

/**
 * What the health of a {@link QueueManager} is, free of any Spring Boot type so that the health
 * contributors of every Boot line share it: one component per connection and one for the failed
 * jobs (see {@link #components()}).
 *
 * <ul>
 *   <li>A connection is {@link State#UP} when it answers {@link QueueConnection#size(String)} for
 *       each known queue within the timeout; its details are those sizes. Otherwise it is {@link
 *       State#DOWN} with an {@code error} detail: the exception's class and message (the library's
 *       messages never carry credentials, and are masked again here) and, for a {@link
 *       ConnectionException}, whether it is {@code transient}.
 *   <li>The failed jobs are {@link State#DOWN} when the store cannot be counted, or when a
 *       threshold is set (0 or more) and more jobs than that have failed; otherwise {@link
 *       State#UP}. Details: {@code count} and {@code threshold}.
 * </ul>
 *
 * <p>Each check runs on a daemon thread of this object and is waited for at most the timeout, so a
 * store that does not answer cannot hold the health endpoint. Callers that ask while a check of the
 * same component is still running wait for that one instead of starting another, so a hung store
 * holds at most one thread per component. Thread-safe; {@link #close()} stops the threads.
 */
public final class QueueHealthCheck implements AutoCloseable {
  /** Name of the failed-jobs component, unless a connection already has it. */
  public static final String FAILED_JOBS = "failedJobs";

  /** How long one check may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The threshold that turns the failed-jobs check off. */
  public static final long NO_THRESHOLD = -1;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final QueueManager manager;
  private final Supplier<? extends Collection<String>> queues;
  private final long failedJobsThreshold;
  private final Duration timeout;
  private final ExecutorService executor;
  private final Map<String, Future<Result>> running = new LinkedHashMap<>();

  /**
   * A health check of a manager's connections and failed jobs.
   *
   * @param manager the manager
   * @param queues the queues whose sizes each connection reports, asked at every check; empty = the
   *     manager's default queue
   * @param failedJobsThreshold the most failed jobs that are still healthy, or {@link
   *     #NO_THRESHOLD} (any negative value) to report the count without judging it
   * @param timeout how long one component's check may take; positive
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public QueueHealthCheck(
      QueueManager manager,
      Supplier<? extends Collection<String>> queues,
      long failedJobsThreshold,
      Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.manager = manager;
    this.queues = queues;
    this.failedJobsThreshold = failedJobsThreshold < 0 ? NO_THRESHOLD : failedJobsThreshold;
    this.timeout = timeout;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "queue-health-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The components, in the manager's connection order, then the failed jobs under {@value
   * #FAILED_JOBS} (or {@code failedJobs-store} if a connection has that name).
   *
   * @return component name to its check, each run with the timeout; unmodifiable
   */
  public Map<String, Supplier<Result>> components() {
    Map<String, Supplier<Result>> components = new LinkedHashMap<>();
    for (String name : manager.connectionNames()) {
      components.put(name, () -> checkConnection(name));
    }
    String failed = components.containsKey(FAILED_JOBS) ? FAILED_JOBS + "-store" : FAILED_JOBS;
    components.put(failed, this::checkFailedJobs);
    return Collections.unmodifiableMap(components);
  }

  /**
   * Checks one connection.
   *
   * @param connection a connection name of the manager
   * @return the result; never throws for a store that fails
   */
  public Result checkConnection(String connection) {
    return run("connection " + connection, () -> connection(connection));
  }

  /**
   * Checks the failed-job store.
   *
   * @return the result; never throws for a store that fails
   */
  public Result checkFailedJobs() {
    return run("failed jobs", this::failedJobs);
  }

  /**
   * The failed-jobs threshold in effect.
   *
   * @return 0 or more, or {@link #NO_THRESHOLD}
   */
  public long failedJobsThreshold() {
    return failedJobsThreshold;
  }

  private Result connection(String name) {
    QueueConnection connection = manager.connection(name);
    Map<String, Object> sizes = new LinkedHashMap<>();
    for (String queue : knownQueues(queues, manager)) {
      sizes.put(queue, sizeDetails(connection.size(queue)));
    }
    return new Result(State.UP, Map.of("queues", Collections.unmodifiableMap(sizes)));
  }

  private Result failedJobs() {
    long count = manager.failed().count();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", count);
    if (failedJobsThreshold != NO_THRESHOLD) {
      details.put("threshold", failedJobsThreshold);
    }
    boolean over = failedJobsThreshold != NO_THRESHOLD && count > failedJobsThreshold;
    return new Result(over ? State.DOWN : State.UP, Collections.unmodifiableMap(details));
  }

  private Result run(String component, Callable<Result> check) {
    Future<Result> future;
    synchronized (running) {
      future = running.get(component);
      if (future == null || future.isDone()) {
        future = executor.submit(check);
        running.put(component, future);
      }
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return down(
          Map.of("error", TimeoutException.class.getName() + ": no answer within " + timeout));
    } catch (ExecutionException e) {
      return down(errorDetails(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(errorDetails(e));
    }
  }

  private static Result down(Map<String, Object> details) {
    return new Result(State.DOWN, details);
  }

  /**
   * The known queues: the supplier's, or the manager's default queue when it gives none.
   *
   * @param queues the supplier, or {@code null}
   * @param manager the manager
   * @return the queue names, in order, without duplicates
   */
  static Collection<String> knownQueues(
      Supplier<? extends Collection<String>> queues, QueueManager manager) {
    Collection<String> names = queues == null ? null : queues.get();
    if (names == null || names.isEmpty()) {
      return List.of(manager.defaultQueue());
    }
    return new LinkedHashSet<>(names);
  }

  /**
   * A queue's size as a details map: {@code ready}, {@code delayed}, {@code reserved}, {@code
   * total}.
   */
  static Map<String, Object> sizeDetails(QueueSize size) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("ready", size.ready());
    map.put("delayed", size.delayed());
    map.put("reserved", size.reserved());
    map.put("total", size.total());
    return Collections.unmodifiableMap(map);
  }

  /**
   * An exception as details: {@code error} (class and masked message, as Spring Boot's {@code
   * withException}) and, for a {@link ConnectionException}, {@code transient}.
   */
  static Map<String, Object> errorDetails(Throwable e) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("error", describe(e));
    if (e instanceof ConnectionException ce) {
      map.put("transient", ce.isTransient());
    }
    return Collections.unmodifiableMap(map);
  }

  /** {@code class: message}, the message masked for credentials; never the cause's message. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null
        ? e.getClass().getName()
        : e.getClass().getName() + ": " + Redaction.secrets(message);
  }

  /** Stops the check threads; a check still waiting on a store is interrupted. Idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A component's state. */
  public enum State {
    /** Reachable, and within the threshold. */
    UP,
    /** Unreachable, failing, too slow, or over the threshold. */
    DOWN
  }

  /**
   * The outcome of one check.
   *
   * @param state up or down
   * @param details what the health endpoint shows; JSON-friendly values only
   */
  public record Result(State state, Map<String, Object> details) {}
}
