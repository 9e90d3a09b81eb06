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
package org.thinkqueue.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerListeners;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.event.WorkerStopping;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.worker.internal.AttemptProtocol;

/**
 * Reserves jobs from a connection's queues and runs their handlers: think-queue's {@code
 * queue:work}.
 *
 * <p>One poll thread reserves up to as many jobs as there are free job threads, trying the queues
 * in priority order; job threads run handlers. A handler that throws has its job released with the
 * back-off, or failed once it reached its max tries; failing records the job in the failed-job
 * store, calls the handler's {@code failed}, fires {@link JobFailed} and deletes the job. A handler
 * that runs past its timeout is interrupted and its job released or failed; one that ignores the
 * interrupt past {@link Builder#timeoutGrace(Duration)} makes the worker stop with {@link
 * #EXIT_JOB_TIMEOUT} so a supervisor restarts the process.
 *
 * <p>{@link #run()} blocks the calling thread until the worker stops; {@link #start()} runs it on a
 * new poll thread. A worker runs once. {@link #stop(Duration)} and {@link #close()} stop reserving,
 * let running jobs finish within a grace period and release the rest at once. The poll loop never
 * dies from an exception: it logs, backs off and goes on.
 *
 * <p>Thread-safe: {@link #stop(Duration)}, {@link #close()} and the counters may be called from any
 * thread, including a handler or a listener of this worker (the stop is then only requested, since
 * the worker cannot wait for its own thread).
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Stopped normally: stop(), max jobs, max time, once, restart signal. */
  public static final int EXIT_OK = 0;

  /** A handler ignored the interrupt after its timeout (think-queue's timeout kill status). */
  public static final int EXIT_JOB_TIMEOUT = 1;

  /** The memory limit was reached (think-queue's status 12). */
  public static final int EXIT_MEMORY_LIMIT = 12;

  /**
   * Total attempts before a throwing job fails, unless its payload says otherwise ({@code
   * --tries}).
   */
  public static final int DEFAULT_TRIES = 3;

  /** The idle wait when every queue is empty ({@code --sleep}). */
  public static final Duration DEFAULT_SLEEP = Duration.ofSeconds(3);

  /** The longest a handler may run, unless its payload says otherwise ({@code --timeout}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** How long a handler may ignore the timeout's interrupt before the worker gives up on it. */
  public static final Duration DEFAULT_TIMEOUT_GRACE = Duration.ofSeconds(10);

  /** How long {@link #close()} and the shutdown hook wait for running jobs. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

  /**
   * The release delay after a job threw: exponential from 1 s to 5 min with jitter ({@link
   * Backoff#DEFAULT}).
   */
  public static final Backoff DEFAULT_BACKOFF = Backoff.DEFAULT;

  /** The longest {@code timeout} a worker accepts; {@link Duration#ZERO} means none. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  /**
   * The largest payload a worker reads (16 MiB of UTF-8): a bigger one is failed without being
   * decoded. Separate from the producer's push limit, since other producers (PHP) may write bigger
   * payloads.
   */
  public static final int DEFAULT_MAX_PAYLOAD_READ_BYTES = 16 * 1024 * 1024;

  /** How long a stopping worker waits for the deletes of finished jobs (system time). */
  private static final Duration DELETE_WAIT = Duration.ofSeconds(5);

  /** A grace longer than this counts as "wait for ever" (it would overflow nanos). */
  private static final Duration FOREVER = Duration.ofDays(365);

  private final WorkerSettings settings;
  private final QueueConnection connection;
  private final Connector connector;
  private final List<String> queues;
  private final Ticker ticker;
  private final WorkerListeners listeners;
  private final Lifecycle lifecycle = new Lifecycle();
  private final WorkerThreads threads = new WorkerThreads();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicBoolean executorsShutDown = new AtomicBoolean();
  private final AttemptRunner attempts;
  private final DeleteTracker deletes;
  private final IdleWaiter idle;
  private final JobExecutor executor;
  private final Watchdog watchdog;
  private final StopConditions conditions;
  private final PollLoop loop;
  private final FailedJobStore failedStore;
  private volatile int exitStatus = EXIT_OK;

  /**
   * How long close() waits for the poll thread to end once its loop has terminated: it only removes
   * the shutdown hook and returns, so this bound is never reached unless the JVM is stalled.
   */
  private static final long JOIN_MILLIS = 10_000;

  /** The thread {@link #start()} made, joined by {@link #close()}. */
  private volatile Thread startedThread;

  private Thread hook;

  private Worker(WorkerSettings s) {
    QueueManager manager = s.manager();
    this.settings = s;
    this.connection =
        s.connectionName() == null ? manager.connection() : manager.connection(s.connectionName());
    this.connector = connection.connector();
    this.queues = s.queues().isEmpty() ? List.of(connection.defaultQueue()) : s.queues();
    this.ticker = s.ticker();
    this.listeners = new WorkerListeners(s.listeners());
    this.failedStore = manager.failed().store();
    String name = connection.name();
    AttemptProtocol protocol = new AttemptProtocol(name, listeners);
    FailureHandler failures =
        new FailureHandler(connector, name, failedStore, s, protocol, listeners);
    Duration retryAfter = connector.retryAfter();
    ExtendsReservations extender =
        connector instanceof ExtendsReservations er && retryAfter != null ? er : null;
    long extendNanos = extender != null ? Watchdog.extendPeriod(retryAfter).toNanos() : 0;
    this.attempts =
        new AttemptRunner(connector, name, manager.registry(), protocol, failures, s, extendNanos);
    this.deletes = new DeleteTracker(retryAfter, processed::incrementAndGet);
    this.idle = new IdleWaiter(lifecycle, connector, queues);
    this.executor =
        new JobExecutor(
            s.threads(),
            threads.jobThreads(s.threadFactory()),
            lifecycle,
            idle,
            ticker,
            attempts,
            failures,
            deletes);
    this.watchdog =
        new Watchdog(
            threads.watchdogThreads(),
            executor,
            failures,
            ticker,
            s.timeoutGrace(),
            extender,
            extendNanos,
            () -> stopFromWithin(EXIT_JOB_TIMEOUT));
    RestartSignal signal = connector instanceof RestartSignal rs ? rs : null;
    this.conditions =
        new StopConditions(
            s,
            new RestartWatch(signal, name),
            signal != null,
            processed::get,
            lifecycle,
            this::stopFromWithin);
    this.loop =
        new PollLoop(connector, name, queues, s, lifecycle, conditions, executor, attempts, idle);
  }

  /**
   * A builder; {@link Builder#manager(QueueManager)} is required, everything else has a default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the worker on the calling thread until it stops.
   *
   * @return the exit status: {@link #EXIT_OK}, {@link #EXIT_MEMORY_LIMIT} or {@link
   *     #EXIT_JOB_TIMEOUT}
   * @throws IllegalStateException if the worker was already started or stopped
   */
  public int run() {
    lifecycle.begin();
    return runLoop();
  }

  /**
   * Runs the worker on a new (non-daemon) poll thread named {@code queue-poll-N} and returns at
   * once. Listeners learn that it polls from {@link WorkerListener#onWorkerStarted}, and {@link
   * #exitStatus()} gives its status once it stopped.
   *
   * @throws IllegalStateException (on the caller's thread) if the worker was already started or
   *     stopped
   */
  public void start() {
    lifecycle.begin();
    try {
      Thread poll = threads.pollThread(this::runLoop);
      startedThread = poll;
      poll.start();
    } catch (RuntimeException | Error e) {
      lifecycle.terminate();
      shutdownExecutors();
      throw e;
    }
  }

  private int runLoop() {
    threads.enter();
    installHook();
    try {
      return runUntilStopped();
    } finally {
      lifecycle.terminate();
      removeHook();
      threads.leave();
    }
  }

  private int runUntilStopped() {
    long startNanos = ticker.nanoTime();
    conditions.begin(watchdog);
    LOG.info(
        "Worker started: connection={}, queues={}, threads={}, tries={}, backoff={}, sleep={}, timeout={}, "
            + "memoryLimitMb={}, once={}, maxJobs={}, maxTime={}, maxPayloadReadBytes={}, retryAfter={}, connector={}, "
            + "failedStore={}",
        connection.name(),
        queues,
        settings.threads(),
        settings.tries(),
        settings.backoff(),
        settings.sleep(),
        settings.timeout(),
        settings.memoryLimitMb(),
        settings.once(),
        settings.maxJobs(),
        settings.maxTime(),
        settings.maxReadBytes(),
        connector.retryAfter(),
        connector.getClass().getSimpleName(),
        failedStore);
    watchdog.start();
    listeners.fire(new WorkerStarted(connection.name(), queues), WorkerListener::onWorkerStarted);
    loop.run();

    lifecycle.requestStop();
    boolean interrupted = Thread.interrupted();
    Duration grace = lifecycle.requestedGrace();
    executor.drain(grace != null ? grace : FOREVER);
    watchdog.awaitSettled();
    // Finished jobs whose deletes are still being written: let them land, or they would run again.
    deletes.await(DELETE_WAIT);
    int status = lifecycle.requestedStatus();
    exitStatus = status;
    LOG.info(
        "Worker stopped with status {} after {} jobs in {} ms",
        status,
        processed.get(),
        TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - startNanos));
    listeners.fire(new WorkerStopping(status), WorkerListener::onWorkerStopping);
    shutdownExecutors();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return status;
  }

  /**
   * Processes at most one job from the queues (in priority order) on a job thread and waits for its
   * outcome. For deterministic tests and think-queue's {@code --once}.
   *
   * @return true if a job was reserved and processed
   * @throws IllegalStateException if the worker was stopped
   */
  public boolean runOnce() {
    if (lifecycle.isStopping()) {
      throw new IllegalStateException("Worker is stopped");
    }
    watchdog.start();
    for (String queue : queues) {
      List<ReservedJob> jobs = connector.pop(queue, 1);
      if (jobs.isEmpty()) {
        continue;
      }
      if (!executor.acquireOneSlot()) {
        connector.release(jobs.get(0), Duration.ZERO);
        return false;
      }
      WorkerJob job = attempts.newJob(queue, jobs.get(0));
      executor.execute(job);
      executor.awaitOver(job, false);
      deletes.await(DELETE_WAIT);
      if (lifecycle.get() == Lifecycle.State.TERMINATED) {
        shutdownExecutors(); // the handler stopped a worker that never ran
      }
      return true;
    }
    return false;
  }

  /**
   * Stops reserving, waits up to {@code grace} for running jobs, releases the unfinished ones at
   * once and returns when the worker has stopped (or {@code grace} plus the timeout grace and a
   * margin passed). Idempotent; a later call with a shorter grace shortens the wait ({@code
   * stop(Duration.ZERO)} after a graceful stop releases running jobs now). Called from one of this
   * worker's threads (a handler or a listener), it only requests the stop and returns at once.
   *
   * @param grace how long running jobs may take to finish
   */
  public void stop(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    long nanos = grace.compareTo(FOREVER) > 0 ? Long.MAX_VALUE / 2 : grace.toNanos();
    Lifecycle.State before = lifecycle.requestStop(grace, ticker.nanoTime() + nanos);
    idle.wake();
    if (threads.isOwnThread()) {
      return; // waiting here would wait for this very thread
    }
    if (before == Lifecycle.State.NEW) {
      // never ran: only runOnce() jobs may be running
      executor.drain(grace);
      shutdownExecutors();
      return;
    }
    long millis = grace.compareTo(FOREVER) > 0 ? Long.MAX_VALUE / 4 : grace.toMillis();
    try {
      lifecycle.awaitTerminated(millis + settings.timeoutGrace().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@link #stop(Duration)} with the builder's stop grace, then frees the worker's threads: when it
   * returns (called from outside the worker), the thread {@link #start()} made has ended too.
   * Idempotent.
   */
  @Override
  public void close() {
    stop(settings.stopGrace());
    if (!threads.isOwnThread()) {
      shutdownExecutors();
      joinStartedThread();
    }
  }

  /** When close() returns, the thread start() made has ended, not only the loop it ran. */
  private void joinStartedThread() {
    Thread poll = startedThread;
    if (poll == null) {
      return;
    }
    try {
      poll.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Jobs whose attempt completed (any outcome) since start; a job the worker deleted counts once
   * its delete landed.
   *
   * @return the count
   */
  public long processedJobs() {
    return processed.get();
  }

  /**
   * True once {@link #stop} was called or a stop condition was met.
   *
   * @return whether the worker stops or stopped
   */
  public boolean isStopping() {
    return lifecycle.isStopping();
  }

  /**
   * The status {@link #run()} returned (or the started worker ended with), or {@link #EXIT_OK}
   * while running.
   *
   * @return an {@code EXIT_*} status
   */
  public int exitStatus() {
    return exitStatus;
  }

  /** A stop condition met inside the worker: no grace of its own, running jobs finish. */
  private void stopFromWithin(int status) {
    lifecycle.requestStop(status);
    idle.wake();
  }

  private void shutdownExecutors() {
    if (executorsShutDown.compareAndSet(false, true)) {
      executor.shutdown();
      watchdog.shutdown();
    }
  }

  private void installHook() {
    if (!settings.shutdownHook()) {
      return;
    }
    hook = new Thread(() -> stop(settings.stopGrace()), "queue-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void removeHook() {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is what stopped us
    }
  }

  @Override
  public String toString() {
    return "Worker{connection="
        + connection.name()
        + ", queues="
        + queues
        + ", threads="
        + settings.threads()
        + "}";
  }

  /**
   * Settings of a {@link Worker}, named after {@code php think queue:work} options. Each setter
   * validates its value at once and throws a {@link ConfigurationException} naming the setting and
   * the value. Not thread-safe.
   */
  public static final class Builder {
    private QueueManager manager;
    private String connectionName;
    private List<String> queues = List.of();
    private int threads = 1;
    private int tries = DEFAULT_TRIES;
    private Backoff backoff = DEFAULT_BACKOFF;
    private int maxReadBytes = DEFAULT_MAX_PAYLOAD_READ_BYTES;
    private Duration sleep = DEFAULT_SLEEP;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration timeoutGrace = DEFAULT_TIMEOUT_GRACE;
    private Duration stopGrace = DEFAULT_STOP_GRACE;
    private int memoryLimitMb;
    private boolean once;
    private long maxJobs;
    private Duration maxTime;
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.SYSTEM;
    private ThreadFactory threadFactory;
    private final List<WorkerListener> listeners = new ArrayList<>();
    private final List<JobMiddleware> middleware = new ArrayList<>();
    private boolean shutdownHook;

    private Builder() {}

    /**
     * The manager whose connection, registry and failed-job store the worker uses. Required.
     *
     * @param manager the manager; checked by {@link #build()}
     * @return this builder
     */
    public Builder manager(QueueManager manager) {
      this.manager = manager;
      return this;
    }

    /**
     * The connection to work ({@code queue:work [connection]}); default: the manager's default.
     *
     * @param name a connection name of the manager; checked by {@link #build()}
     * @return this builder
     */
    public Builder connection(String name) {
      this.connectionName = name;
      return this;
    }

    /**
     * Queues in priority order ({@code --queue a,b}); default: the connection's default queue.
     *
     * @param queues at least one queue name
     * @return this builder
     * @throws ConfigurationException if none is given or a name is invalid
     */
    public Builder queues(String... queues) {
      return queues(queues == null ? null : Arrays.asList(queues));
    }

    /**
     * Queues in priority order ({@code --queue a,b}); default: the connection's default queue.
     *
     * @param queues at least one queue name
     * @return this builder
     * @throws ConfigurationException if none is given or a name is invalid
     */
    public Builder queues(List<String> queues) {
      this.queues = WorkerSettings.checkQueues(queues);
      return this;
    }

    /**
     * Job threads: jobs run at once (default 1).
     *
     * @param threads 1 to 1024
     * @return this builder
     * @throws ConfigurationException if out of range
     */
    public Builder threads(int threads) {
      WorkerSettings.checkThreads(threads);
      this.threads = threads;
      return this;
    }

    /**
     * Total attempts before a throwing job fails ({@code --tries}, default 3; 0 = retry forever). A
     * handler's {@link org.thinkqueue.JobPolicy} wins, and a payload's {@code maxTries} or {@code
     * timeoutAt} wins over both.
     *
     * @param tries 0 or more
     * @return this builder
     * @throws ConfigurationException if negative
     */
    public Builder tries(int tries) {
      WorkerSettings.checkTries(tries);
      this.tries = tries;
      return this;
    }

    /**
     * One release delay after every exception ({@code --delay}); {@link Duration#ZERO} releases at
     * once, as think-queue's default does. Default: {@link #DEFAULT_BACKOFF}, exponential from 1 s
     * to 5 min with jitter.
     *
     * @param delay zero to {@link Backoff#MAX_DELAY}
     * @return this builder
     * @throws ConfigurationException if null, negative or too long
     */
    public Builder delay(Duration delay) {
      this.backoff = Backoff.fixed(delay);
      return this;
    }

    /**
     * Release delays per attempt: the first after attempt 1, ..., the last repeats.
     *
     * @param delays at least one, each zero to {@link Backoff#MAX_DELAY}
     * @return this builder
     * @throws ConfigurationException if none is given or one is null, negative or too long
     */
    public Builder backoff(Duration... delays) {
      this.backoff = Backoff.list(delays);
      return this;
    }

    /**
     * The release delay after an exception, per attempt (default {@link #DEFAULT_BACKOFF}); a
     * handler's {@link org.thinkqueue.JobPolicy} back-off wins.
     *
     * @param backoff the back-off
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder backoff(Backoff backoff) {
      WorkerSettings.checkNotNull("backoff", backoff);
      this.backoff = backoff;
      return this;
    }

    /**
     * The largest payload, in UTF-8 bytes, the worker decodes (default {@link
     * #DEFAULT_MAX_PAYLOAD_READ_BYTES}, 16 MiB). A bigger one is failed into the failed-job store
     * with a {@link PayloadTooLargeToReadException} naming its size, without being decoded; the
     * record keeps the payload, so a retry re-pushes it.
     *
     * @param bytes positive
     * @return this builder
     * @throws ConfigurationException if not positive
     */
    public Builder maxPayloadReadBytes(int bytes) {
      WorkerSettings.checkMaxReadBytes(bytes);
      this.maxReadBytes = bytes;
      return this;
    }

    /**
     * Idle wait when every queue is empty ({@code --sleep}, default 3 s); cut short by wake-ups.
     *
     * @param sleep zero or positive
     * @return this builder
     * @throws ConfigurationException if null or negative
     */
    public Builder sleep(Duration sleep) {
      WorkerSettings.checkNonNegative("sleep", sleep);
      this.sleep = sleep;
      return this;
    }

    /**
     * Longest a handler may run ({@code --timeout}, default 60 s; zero = no limit). A handler's
     * {@link org.thinkqueue.JobPolicy} wins, and a payload's {@code timeout} wins over both.
     *
     * @param timeout zero to {@link #MAX_TIMEOUT}
     * @return this builder
     * @throws ConfigurationException if null, negative or too long
     */
    public Builder timeout(Duration timeout) {
      WorkerSettings.checkTimeout(timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * How long a handler may ignore the timeout's interrupt before the worker gives up on it
     * (default 10 s).
     *
     * @param grace zero or positive
     * @return this builder
     * @throws ConfigurationException if null or negative
     */
    public Builder timeoutGrace(Duration grace) {
      WorkerSettings.checkNonNegative("timeoutGrace", grace);
      this.timeoutGrace = grace;
      return this;
    }

    /**
     * How long {@link Worker#close()} and the shutdown hook wait for running jobs (default 30 s).
     *
     * @param grace zero or positive
     * @return this builder
     * @throws ConfigurationException if null or negative
     */
    public Builder stopGrace(Duration grace) {
      WorkerSettings.checkNonNegative("stopGrace", grace);
      this.stopGrace = grace;
      return this;
    }

    /**
     * Stop with {@link #EXIT_MEMORY_LIMIT} when the heap in use after garbage collection reaches
     * this many MB ({@code --memory}). Default 0 = off: unlike PHP's, a JVM heap is bounded by
     * {@code -Xmx} already.
     *
     * @param mb 0 (off) or more
     * @return this builder
     * @throws ConfigurationException if negative
     */
    public Builder memoryLimitMb(int mb) {
      WorkerSettings.checkMemoryLimit(mb);
      this.memoryLimitMb = mb;
      return this;
    }

    /**
     * Process one job (or wait {@code sleep} for one) and stop ({@code --once}).
     *
     * @param once true to stop after one job
     * @return this builder
     */
    public Builder once(boolean once) {
      this.once = once;
      return this;
    }

    /**
     * Stop after this many jobs (0 = no limit).
     *
     * @param maxJobs 0 or more
     * @return this builder
     * @throws ConfigurationException if negative
     */
    public Builder maxJobs(long maxJobs) {
      WorkerSettings.checkMaxJobs(maxJobs);
      this.maxJobs = maxJobs;
      return this;
    }

    /**
     * Stop after running this long ({@code null} = no limit), measured on {@link #clock(Clock)}.
     *
     * @param maxTime positive, or null
     * @return this builder
     * @throws ConfigurationException if zero or negative
     */
    public Builder maxTime(Duration maxTime) {
      WorkerSettings.checkMaxTime(maxTime);
      this.maxTime = maxTime;
      return this;
    }

    /**
     * The wall clock {@link #maxTime(Duration)} is measured on and retry deadlines (a payload's
     * {@code timeoutAt}, a handler's {@code retryFor}) are checked against (default: the system's
     * UTC clock).
     *
     * @param clock the clock
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder clock(Clock clock) {
      WorkerSettings.checkNotNull("clock", clock);
      this.clock = clock;
      return this;
    }

    /**
     * For tests in this package: the ticker job timeouts, extensions and the stop grace are
     * measured on.
     */
    Builder ticker(Ticker ticker) {
      WorkerSettings.checkNotNull("ticker", ticker);
      this.ticker = ticker;
      return this;
    }

    /**
     * Creates job threads (default: daemon threads named {@code queue-worker-N}; the worker, not
     * the JVM, decides when running jobs end).
     *
     * @param factory the factory
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder threadFactory(ThreadFactory factory) {
      WorkerSettings.checkNotNull("threadFactory", factory);
      this.threadFactory = factory;
      return this;
    }

    /**
     * Adds a listener; listeners are called in the order added, on the threads {@link
     * WorkerListener} names.
     *
     * @param listener the listener
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder listener(WorkerListener listener) {
      WorkerSettings.checkNotNull("listener", listener);
      this.listeners.add(listener);
      return this;
    }

    /**
     * Adds middleware around every handler this worker runs (Laravel's job middleware, Sidekiq's
     * server middleware; see {@link JobMiddleware}), on the handler's thread: the first one added
     * is the outermost, and a handler's own ({@link org.thinkqueue.JobPolicy.Builder#middleware})
     * run inside the worker's. Middleware is not called for jobs that fail before their handler
     * would run (unreadable payload, unknown job name, max attempts or retry deadline reached).
     *
     * @param chain the middleware, in order
     * @return this builder
     * @throws ConfigurationException if one is null
     */
    public Builder middleware(JobMiddleware... chain) {
      WorkerSettings.checkNotNull("middleware", chain);
      for (JobMiddleware m : chain) {
        WorkerSettings.checkNotNull("middleware", m);
        this.middleware.add(m);
      }
      return this;
    }

    /**
     * Stop gracefully on JVM shutdown (SIGTERM) while the worker runs. Off by default.
     *
     * @param install true to install the hook
     * @return this builder
     */
    public Builder shutdownHook(boolean install) {
      this.shutdownHook = install;
      return this;
    }

    /**
     * Builds the worker; it starts no thread until {@link Worker#run()}, {@link Worker#start()} or
     * {@link Worker#runOnce()}.
     *
     * @return a new worker
     * @throws ConfigurationException if the manager is missing, has no registry, or names no such
     *     connection
     */
    public Worker build() {
      WorkerSettings s =
          new WorkerSettings(
              manager,
              connectionName,
              queues,
              threads,
              tries,
              backoff,
              maxReadBytes,
              sleep,
              timeout,
              timeoutGrace,
              stopGrace,
              memoryLimitMb,
              once,
              maxJobs,
              maxTime,
              clock,
              ticker,
              threadFactory,
              listeners,
              middleware,
              shutdownHook);
      manager.connection(connectionName);
      return new Worker(s);
    }
  }
}
