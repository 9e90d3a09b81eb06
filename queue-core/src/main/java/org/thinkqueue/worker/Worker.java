package org.thinkqueue.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.InvalidQueueNameException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.JobTimeoutException;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.UnknownJobException;
import org.thinkqueue.internal.Listeners;
import org.thinkqueue.internal.QueueNames;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.Payload;
import org.thinkqueue.spi.PayloadCodec;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;

/**
 * Reserves jobs from a connection's queues and runs their handlers: think-queue's {@code queue:work}.
 *
 * <p>One poll thread reserves up to as many jobs as there are free job threads, trying the queues in priority
 * order; job threads run handlers. A handler that throws has its job released with the back-off, or failed once it
 * reached its max tries; failing records the job in the failed-job store, calls the handler's {@code failed}, fires
 * {@link JobFailed} and deletes the job. A handler that runs past its timeout is interrupted and its job released or
 * failed; one that ignores the interrupt past {@link Builder#timeoutGrace(Duration)} makes the worker stop with
 * {@link #EXIT_JOB_TIMEOUT} so a supervisor restarts the process.
 *
 * <p>{@link #run()} blocks the calling thread until the worker stops; {@link #start()} runs it on a new poll thread.
 * {@link #stop(Duration)} and {@link #close()} stop reserving, let running jobs finish within a grace period and
 * release the rest at once. The poll loop never dies from an exception: it logs, backs off and goes on.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Stopped normally: stop(), max jobs, max time, once, restart signal. */
  public static final int EXIT_OK = 0;
  /** A handler ignored the interrupt after its timeout (think-queue's timeout kill status). */
  public static final int EXIT_JOB_TIMEOUT = 1;
  /** The memory limit was reached (think-queue's status 12). */
  public static final int EXIT_MEMORY_LIMIT = 12;

  public static final int DEFAULT_TRIES = 3;
  public static final Duration DEFAULT_SLEEP = Duration.ofSeconds(3);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

  private static final AtomicInteger POLL_THREADS = new AtomicInteger();
  private static final AtomicInteger JOB_THREADS = new AtomicInteger();
  private static final AtomicInteger WATCHDOG_THREADS = new AtomicInteger();
  private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(5);
  private static final long HOUSEKEEPING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * How often the watchdog sweeps the running jobs for timeouts and reservation extensions. One sweep replaces a
   * scheduled task per job (two heap inserts and two cancels under the scheduler's lock for every attempt).
   */
  private static final long SWEEP_MILLIS = 25;
  /** How long the poll thread spins for a free slot before it parks. */
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  private final QueueManager manager;
  private final QueueConnection connection;
  private final Connector connector;
  private final JobRegistry registry;
  private final FailedJobStore failedStore;
  private final PayloadCodec codec;
  private final List<String> queues;
  private final int threads;
  private final int tries;
  private final List<Duration> backoff;
  private final Duration sleep;
  private final Duration timeout;
  private final Duration timeoutGrace;
  private final Duration stopGrace;
  private final int memoryLimitMb;
  private final boolean once;
  private final long maxJobs;
  private final Duration maxTime;
  private final Clock clock;
  private final Listeners listeners;
  private final boolean shutdownHook;

  private final ThreadFactory threadFactory;
  private final ExecutorService jobThreads;
  private final ScheduledExecutorService watchdog;
  /** How often a running job's reservation is extended; 0 when the connector's reservations never expire. */
  private final long extendPeriodNanos;
  private final Semaphore slots;
  private final Set<WorkerJob> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deletesInFlight = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final Set<String> warnedNoDelete = ConcurrentHashMap.newKeySet();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong reserved = new AtomicLong();
  private final Object idleLock = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private volatile boolean stopRequested;
  private volatile Duration requestedGrace;
  /** When running jobs get released during a stop (System.nanoTime); NO_DEADLINE until a stop names one. */
  private volatile long stopDeadline = NO_DEADLINE;
  private volatile boolean stuck;
  private volatile int exitStatus = EXIT_OK;
  private Thread idleThread;
  private Thread hook;

  private Worker(Builder b) {
    this.manager = b.manager;
    this.connection = b.connectionName == null ? manager.connection() : manager.connection(b.connectionName);
    this.connector = connection.connector();
    this.registry = manager.registry();
    this.failedStore = manager.failed().store();
    this.codec = registry.codec();
    this.queues = b.queues.isEmpty() ? List.of(connection.defaultQueue()) : List.copyOf(b.queues);
    this.threads = b.threads;
    this.tries = b.tries;
    this.backoff = b.backoff;
    this.sleep = b.sleep;
    this.timeout = b.timeout;
    this.timeoutGrace = b.timeoutGrace;
    this.stopGrace = b.stopGrace;
    this.memoryLimitMb = b.memoryLimitMb;
    this.once = b.once;
    this.maxJobs = b.maxJobs;
    this.maxTime = b.maxTime;
    this.clock = b.clock;
    this.listeners = new Listeners(b.listeners);
    this.shutdownHook = b.shutdownHook;
    this.threadFactory = b.threadFactory != null ? b.threadFactory : named("queue-worker-", JOB_THREADS, true);
    this.jobThreads = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new HandOffQueue(),
        threadFactory);
    ScheduledThreadPoolExecutor wd = new ScheduledThreadPoolExecutor(1, named("queue-watchdog-", WATCHDOG_THREADS, true));
    wd.setRemoveOnCancelPolicy(true);
    this.watchdog = wd;
    this.slots = new Semaphore(threads);
    Duration retryAfter = connector.retryAfter();
    this.extendPeriodNanos = connector instanceof ExtendsReservations && retryAfter != null
        ? TimeUnit.MILLISECONDS.toNanos(Math.max(50, retryAfter.toMillis() / 3)) : 0;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the worker on the calling thread until it stops.
   *
   * @return the exit status: {@link #EXIT_OK}, {@link #EXIT_MEMORY_LIMIT} or {@link #EXIT_JOB_TIMEOUT}
   * @throws IllegalStateException if the worker was already started or closed
   */
  public int run() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("A Worker runs once; this one was already started or closed");
    }
    installHook();
    try {
      return loop();
    } finally {
      terminated.countDown();
      removeHook();
    }
  }

  /** Runs the worker on a new poll thread and returns at once. */
  public Thread start() {
    if (closed.get() || started.get()) {
      throw new IllegalStateException("A Worker runs once; this one was already started or closed");
    }
    Thread t = named("queue-poll-", POLL_THREADS, false).newThread(this::run);
    t.start();
    return t;
  }

  /**
   * Processes at most one job from the queues (in priority order) on a job thread and waits for its outcome. For
   * deterministic tests and think-queue's {@code --once}.
   *
   * @return true if a job was reserved and processed
   */
  public boolean runOnce() {
    if (closed.get()) {
      throw new IllegalStateException("Worker is closed");
    }
    for (String queue : queues) {
      List<ReservedJob> jobs = connector.pop(queue, 1);
      if (!jobs.isEmpty()) {
        try {
          slots.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          connector.release(jobs.get(0), Duration.ZERO);
          return false;
        }
        WorkerJob job = dispatch(jobs.get(0));
        awaitFinished(job, false);
        awaitDeletes(Duration.ofSeconds(5));
        return true;
      }
    }
    return false;
  }

  /**
   * Stops reserving, waits up to {@code grace} for running jobs, releases the unfinished ones at once and returns
   * when the worker has stopped (or {@code grace} plus a margin passed). Idempotent; a later call with a shorter
   * grace shortens the wait ({@code stop(Duration.ZERO)} after a graceful stop releases running jobs now).
   */
  public void stop(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    long deadline = saturatedDeadline(grace);
    synchronized (idleLock) {
      if (!stopRequested) {
        requestedGrace = grace;
        stopRequested = true;
        stopDeadline = deadline;
      } else if (stopDeadline == NO_DEADLINE || deadline - stopDeadline < 0) {
        requestedGrace = grace;
        stopDeadline = deadline;
      }
      if (idleThread != null) {
        idleThread.interrupt();
      }
    }
    if (started.get()) {
      try {
        terminated.await(grace.toMillis() + timeoutGrace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      drain(grace);
      shutdownExecutors();
    }
  }

  /** {@link #stop(Duration)} with the builder's stop grace. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop(stopGrace);
      shutdownExecutors();
    }
  }

  /** Jobs whose attempt completed (any outcome) since start. */
  public long processedJobs() {
    return processed.get();
  }

  /** True once {@link #stop} was called or a stop condition was met. */
  public boolean isStopping() {
    return stopRequested;
  }

  private int loop() {
    Optional<String> lastRestart = connector instanceof RestartSignal
        ? safeRestartValue((RestartSignal) connector) : Optional.empty();
    long startNanos = System.nanoTime();
    Instant startedAt = clock.instant();
    long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_INTERVAL_NANOS;
    int errorStreak = 0;
    LOG.info("Worker started: connection={}, queues={}, threads={}, tries={}, backoff={}, sleep={}, timeout={}, "
            + "memoryLimitMb={}, once={}, maxJobs={}, maxTime={}, retryAfter={}, connector={}",
        connection.name(), queues, threads, tries, backoff, sleep, timeout, memoryLimitMb, once, maxJobs, maxTime,
        connector.retryAfter(), connector.getClass().getSimpleName());
    int status = EXIT_OK;
    while (true) {
      if (stopRequested || Thread.currentThread().isInterrupted()) {
        break;
      }
      if (stuck) {
        status = EXIT_JOB_TIMEOUT;
        break;
      }
      if (maxJobs > 0 && processed.get() >= maxJobs) {
        LOG.info("Worker reached max jobs ({}); stopping", maxJobs);
        break;
      }
      if (maxTime != null && Duration.between(startedAt, clock.instant()).compareTo(maxTime) >= 0) {
        LOG.info("Worker reached max time ({}); stopping", maxTime);
        break;
      }
      if (System.nanoTime() - nextHousekeeping >= 0) {
        nextHousekeeping = System.nanoTime() + HOUSEKEEPING_INTERVAL_NANOS;
        if (memoryExceeded()) {
          LOG.warn("Worker heap after GC reached the memory limit of {} MB; stopping with status {}",
              memoryLimitMb, EXIT_MEMORY_LIMIT);
          status = EXIT_MEMORY_LIMIT;
          break;
        }
        if (restartSignalled(lastRestart)) {
          LOG.info("Restart signal received; stopping");
          break;
        }
      }
      int free = 0;
      try {
        free = acquireSlots();
        if (free == 0) {
          continue;
        }
        if (maxJobs > 0) {
          long left = maxJobs - reserved.get();
          if (left <= 0) {
            slots.release(free);
            free = 0;
            waitIdle(Duration.ofMillis(50), true);
            continue;
          }
          free = (int) Math.min(free, left);
        }
        int max = once ? 1 : free;
        List<ReservedJob> jobs = List.of();
        for (String queue : queues) {
          if (stopRequested) {
            break;
          }
          jobs = connector.pop(queue, max);
          if (!jobs.isEmpty()) {
            break;
          }
        }
        errorStreak = 0;
        int got = jobs.size();
        slots.release(free - got);
        free = 0;
        List<WorkerJob> dispatched = new ArrayList<>(got);
        for (ReservedJob r : jobs) {
          dispatched.add(dispatch(r));
        }
        if (once) {
          if (got == 0) {
            waitIdle(sleep, false);
          } else {
            for (WorkerJob j : dispatched) {
              awaitFinished(j, false);
            }
          }
          break;
        }
        if (got == 0) {
          Duration wait = sleep;
          if (maxTime != null) {
            Duration left = maxTime.minus(Duration.between(startedAt, clock.instant()));
            wait = left.isNegative() ? Duration.ZERO : (left.compareTo(wait) < 0 ? left : wait);
          }
          waitIdle(wait, false);
        }
      } catch (Throwable t) {
        if (free > 0) {
          slots.release(free);
        }
        errorStreak++;
        Duration pause = errorBackoff(errorStreak);
        if (errorStreak == 1 || errorStreak % 20 == 0) {
          LOG.error("Worker poll failed on connection '{}' ({} in a row); retrying in {} ms",
              connection.name(), errorStreak, pause.toMillis(), t);
        }
        waitIdle(pause, true);
      }
    }
    stopRequested = true;
    boolean interrupted = Thread.interrupted();
    Duration grace = requestedGrace != null ? requestedGrace : Duration.ofMillis(Long.MAX_VALUE / 2_000_000);
    drain(grace);
    // Finished jobs whose deletes are still being written: let them land, or they would run again.
    awaitDeletes(Duration.ofSeconds(5));
    if (stuck && status == EXIT_OK) {
      status = EXIT_JOB_TIMEOUT;
    }
    exitStatus = status;
    LOG.info("Worker stopped with status {} after {} jobs in {} ms", status, processed.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    listeners.fire(new WorkerStopping(status), WorkerListener::onWorkerStopping);
    shutdownExecutors();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return status;
  }

  /** The status {@link #run()} returned, or {@link #EXIT_OK} while running. */
  public int exitStatus() {
    return exitStatus;
  }

  private int acquireSlots() throws InterruptedException {
    int free = slots.drainPermits();
    if (free > 0) {
      return free;
    }
    // Short jobs free a slot within microseconds: spin briefly before parking, as parking and the unpark that
    // follows cost more than such a job on a small machine.
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (System.nanoTime() - spinUntil < 0) {
      if (slots.availablePermits() > 0 && (free = slots.drainPermits()) > 0) {
        return free;
      }
      Thread.onSpinWait();
    }
    synchronized (idleLock) {
      if (stopRequested) {
        return 0;
      }
      idleThread = Thread.currentThread();
    }
    try {
      if (slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        return 1 + slots.drainPermits();
      }
      return 0;
    } catch (InterruptedException e) {
      return 0;
    } finally {
      leaveIdle();
    }
  }

  /** Waits for new work (or just sleeps), returning early on stop. */
  private void waitIdle(Duration wait, boolean plainSleep) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    synchronized (idleLock) {
      if (stopRequested) {
        return;
      }
      idleThread = Thread.currentThread();
    }
    try {
      if (!plainSleep && connector instanceof AwaitsWork) {
        ((AwaitsWork) connector).awaitWork(queues, wait);
      } else {
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      // stop() interrupts an idle poll thread; the loop checks the flag
    } finally {
      leaveIdle();
    }
  }

  private void leaveIdle() {
    synchronized (idleLock) {
      idleThread = null;
      if (stopRequested) {
        Thread.interrupted();
      }
    }
  }

  private void ensureSweeping() {
    if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
      try {
        watchdog.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // shutting down
      }
    }
  }

  private WorkerJob dispatch(ReservedJob r) {
    ensureSweeping();
    reserved.incrementAndGet();
    Payload payload = null;
    RuntimeException decodeError = null;
    try {
      payload = codec.decode(r.rawBody());
    } catch (PayloadException e) {
      decodeError = e;
    }
    WorkerJob job = new WorkerJob(this, connector, connection.name(), r, payload, decodeError);
    running.add(job);
    try {
      jobThreads.execute(() -> process(job));
    } catch (RejectedExecutionException e) {
      running.remove(job);
      slots.release();
      reserved.decrementAndGet();
      releaseQuietly(job, Duration.ZERO);
      throw e;
    }
    return job;
  }

  private void process(WorkerJob job) {
    job.thread = Thread.currentThread();
    try {
      if (stopRequested && requestedGrace != null && requestedGrace.isZero()) {
        if (job.outcomeClaimed.compareAndSet(false, true)) {
          releaseByWorker(job, Duration.ZERO);
        }
        return;
      }
      runAttempt(job);
    } catch (Throwable t) {
      LOG.error("Unexpected error while processing {}", job, t);
    } finally {
      Thread.interrupted();
      job.thread = null;
      job.finished = true;
      running.remove(job);
      CompletableFuture<Void> delete = job.pendingDelete;
      if (delete == null || delete.isDone()) {
        countProcessed(job, delete);
      } else {
        deletesInFlight.incrementAndGet();
        delete.whenComplete((ok, e) -> {
          countProcessed(job, delete);
          if (deletesInFlight.decrementAndGet() == 0) {
            synchronized (deletesInFlight) {
              deletesInFlight.notifyAll();
            }
          }
        });
      }
      slots.release();
      synchronized (job) {
        job.notifyAll();
      }
    }
  }

  /** Counts a finished attempt; the delete after the handler returned, if any, has landed or failed. */
  private void countProcessed(WorkerJob job, CompletableFuture<Void> delete) {
    if (delete != null) {
      try {
        delete.join();
      } catch (RuntimeException e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e;
        LOG.error("Job {} ({}) ran, but deleting it failed; it stays reserved and runs again when its reservation "
            + "expires (retryAfter {}): {}", job.getId(), job.getName(), connector.retryAfter(), cause.toString());
      }
    }
    processed.incrementAndGet();
  }

  /** Waits (at most {@code max}) for the deletes of finished jobs that are still being written. */
  private void awaitDeletes(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (deletesInFlight) {
      long left;
      while (deletesInFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(deletesInFlight, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void runAttempt(WorkerJob job) {
    listeners.fire(new JobProcessing(connection.name(), job), WorkerListener::onJobProcessing);
    if (job.payload == null) {
      LOG.warn("Job {} on queue '{}' has an unreadable payload; recording it as failed: {}", job.getId(),
          job.getQueue(), job.decodeError.getMessage());
      claimAndFail(job, job.decodeError);
      return;
    }
    int maxTries = effectiveMaxTries(job);
    if (maxTries > 0 && job.attempts() > maxTries) {
      // think-queue's failJob() calls the handler's failed($data, $e) on this path too
      registry.find(job.getName()).ifPresent(h -> {
        try {
          job.data = h.convert(job.payload.data());
          job.handler = h;
        } catch (RuntimeException e) {
          LOG.warn("Job {} ({}) has data its handler cannot read; failing it without calling failed(): {}",
              job.getId(), job.getName(), e.getMessage());
        }
      });
      claimAndFail(job, new MaxAttemptsExceededException(job.getName()));
      return;
    }
    Optional<RegisteredJob> found = registry.find(job.getName());
    if (found.isEmpty()) {
      claimAndFail(job, new UnknownJobException(job.getName()));
      return;
    }
    RegisteredJob handler = found.get();
    job.handler = handler;
    Object data;
    try {
      data = handler.convert(job.payload.data());
    } catch (PayloadException e) {
      claimAndFail(job, e);
      return;
    }
    job.data = data;
    long start = System.nanoTime();
    startExtending(job, start);
    Duration jobTimeout = effectiveTimeout(job);
    if (!jobTimeout.isZero()) {
      job.timeout = jobTimeout;
      job.timeoutAtNanos = start + jobTimeout.toNanos();
      job.timeoutArmed = true;
    }
    Throwable error = null;
    try {
      handler.fire(job, data);
    } catch (Throwable t) {
      error = t;
    } finally {
      synchronized (job.phaseLock) {
        job.handlerReturned = true;
      }
      // A timeout interrupt can only land while the handler runs (see onTimeout); clear one that did.
      Thread.interrupted();
      job.timeoutArmed = false;
      job.stopExtending();
    }
    if (!job.outcomeClaimed.compareAndSet(false, true)) {
      return;
    }
    if (job.timedOut) {
      JobTimeoutException timeoutError = new JobTimeoutException(job.getName(), jobTimeout);
      if (error != null) {
        timeoutError.addSuppressed(error);
      }
      error = timeoutError;
    }
    if (error != null) {
      handleException(job, error, maxTries);
      return;
    }
    listeners.fire(new JobProcessed(connection.name(), job, Duration.ofNanos(System.nanoTime() - start)),
        WorkerListener::onJobProcessed);
    if (job.isActive()) {
      if (handler.deletesOnReturn()) {
        job.pendingDelete = job.deleteAfterReturn();
      } else if (warnedNoDelete.add(job.getName())) {
        LOG.warn("Handler of '{}' returned without deleting or releasing job {}: it stays reserved and runs again "
            + "when its reservation expires (retryAfter {}). Call job.delete() when done. (Logged once per job name.)",
            job.getName(), job.getId(), connector.retryAfter());
      }
    }
  }

  private void handleException(WorkerJob job, Throwable error, int maxTries) {
    try {
      if (!job.hasFailed() && job.isActive() && maxTries > 0 && job.attempts() >= maxTries) {
        LOG.warn("Job {} ({}) on queue '{}' failed at attempt {} of {}: {}", job.getId(), job.getName(),
            job.getQueue(), job.attempts(), maxTries, error.toString());
        failJob(job, error);
      }
      listeners.fire(new JobExceptionOccurred(connection.name(), job, error),
          WorkerListener::onJobExceptionOccurred);
    } finally {
      if (job.isActive()) {
        Duration delay = backoffFor(job.attempts());
        LOG.warn("Job {} ({}) on queue '{}' threw at attempt {}; released with delay {} s: {}", job.getId(),
            job.getName(), job.getQueue(), job.attempts(), delay.toSeconds(), error.toString());
        releaseByWorker(job, delay);
      }
    }
  }

  private void claimAndFail(WorkerJob job, Throwable cause) {
    if (job.outcomeClaimed.compareAndSet(false, true)) {
      failJob(job, cause);
    }
  }

  /** Fails a job: record, delete, the handler's failed(), the JobFailed event. Also behind {@code Job.fail}. */
  void failJob(WorkerJob job, Throwable cause) {
    if (!job.claimFailed()) {
      return;
    }
    try {
      failedStore.record(connection.name(), job.getQueue(), job.getRawBody(), stackTrace(cause));
    } catch (RuntimeException e) {
      LOG.error("Could not record failed job {} ({}) on queue '{}'; releasing it instead so it is not lost",
          job.getId(), job.getName(), job.getQueue(), e);
      try {
        connector.release(job.reserved, backoffFor(job.attempts()));
      } catch (RuntimeException re) {
        LOG.error("Could not release job {} either; it returns when its reservation expires", job.getId(), re);
      }
      return;
    }
    try {
      connector.delete(job.reserved);
      job.markDeletedFromStore();
    } catch (RuntimeException e) {
      LOG.error("Job {} was recorded as failed but could not be deleted; it may run again after its reservation "
          + "expires", job.getId(), e);
    }
    RegisteredJob handler = job.handler;
    if (handler != null) {
      try {
        handler.failed(job.data, cause);
      } catch (Throwable t) {
        LOG.error("failed() of job {} ({}) threw; the job is recorded as failed anyway", job.getId(),
            job.getName(), t);
      }
    }
    listeners.fire(new JobFailed(connection.name(), job, cause), WorkerListener::onJobFailed);
  }

  private void releaseByWorker(WorkerJob job, Duration delay) {
    if (!job.isActive()) {
      return;
    }
    try {
      job.release(delay);
      listeners.fire(new JobReleased(connection.name(), job, delay), WorkerListener::onJobReleased);
    } catch (RuntimeException e) {
      LOG.error("Could not release job {} ({}); it returns when its reservation expires", job.getId(),
          job.getName(), e);
    }
  }

  private void releaseQuietly(WorkerJob job, Duration delay) {
    try {
      job.release(delay);
    } catch (RuntimeException e) {
      LOG.error("Could not release job {}; it returns when its reservation expires", job.getId(), e);
    }
  }

  private void onTimeout(WorkerJob job, Duration jobTimeout) {
    synchronized (job.phaseLock) {
      if (job.handlerReturned) {
        return; // the handler beat the timeout: its outcome stands
      }
      job.timedOut = true;
      Thread t = job.thread;
      if (t != null) {
        t.interrupt();
      }
    }
    LOG.warn("Job {} ({}) on queue '{}' ran past its timeout of {} ms; interrupted it", job.getId(), job.getName(),
        job.getQueue(), jobTimeout.toMillis());
    try {
      watchdog.schedule(() -> abandonIfStuck(job, jobTimeout), timeoutGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private void abandonIfStuck(WorkerJob job, Duration jobTimeout) {
    if (job.finished || !job.outcomeClaimed.compareAndSet(false, true)) {
      return;
    }
    LOG.error("Job {} ({}) ignored the interrupt {} ms after its timeout; settling it and stopping the worker "
        + "with status {} so a supervisor can restart the process", job.getId(), job.getName(),
        timeoutGrace.toMillis(), EXIT_JOB_TIMEOUT);
    stuck = true;
    running.remove(job);
    handleException(job, new JobTimeoutException(job.getName(), jobTimeout), effectiveMaxTries(job));
    synchronized (idleLock) {
      if (idleThread != null) {
        idleThread.interrupt();
      }
    }
  }

  private void startExtending(WorkerJob job, long now) {
    if (extendPeriodNanos > 0) {
      job.nextExtendNanos = now + extendPeriodNanos;
      job.extending = true;
    }
  }

  /** The watchdog's sweep: times out and extends the running jobs that are due, all on the watchdog thread. */
  private void sweep() {
    try {
      for (WorkerJob job : running) {
        long now = System.nanoTime();
        if (job.timeoutArmed && now - job.timeoutAtNanos >= 0) {
          job.timeoutArmed = false;
          onTimeout(job, job.timeout);
        }
        if (job.extending && now - job.nextExtendNanos >= 0) {
          job.nextExtendNanos = now + extendPeriodNanos;
          extend(job);
        }
      }
    } catch (Throwable t) {
      LOG.error("Worker watchdog sweep failed; it runs again in {} ms", SWEEP_MILLIS, t);
    }
  }

  private void extend(WorkerJob job) {
    if (!job.isActive() || job.finished) {
      job.stopExtending();
      return;
    }
    try {
      if (!((ExtendsReservations) connector).extend(job.reserved)) {
        LOG.warn("Reservation of job {} ({}) was lost while it ran; another worker may run it too", job.getId(),
            job.getName());
        job.stopExtending();
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not extend the reservation of job {}: {}", job.getId(), e.toString());
    }
  }

  /** Waits for running jobs until the stop deadline (which a later stop may shorten), then releases the rest. */
  private void drain(Duration grace) {
    for (WorkerJob job : List.copyOf(running)) {
      awaitFinished(job, true);
    }
    for (WorkerJob job : List.copyOf(running)) {
      if (job.finished || !job.outcomeClaimed.compareAndSet(false, true)) {
        continue;
      }
      LOG.warn("Job {} ({}) did not finish within the stop grace of {} ms; releasing it now", job.getId(),
          job.getName(), grace.toMillis());
      releaseByWorker(job, Duration.ZERO);
      Thread t = job.thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private void awaitFinished(WorkerJob job, boolean untilStopDeadline) {
    synchronized (job) {
      while (!job.finished && !(stuck && !running.contains(job))) {
        long deadline = untilStopDeadline ? stopDeadline : NO_DEADLINE;
        long left = deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(job, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void shutdownExecutors() {
    jobThreads.shutdown();
    watchdog.shutdownNow();
    try {
      if (!jobThreads.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        jobThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int effectiveMaxTries(WorkerJob job) {
    OptionalInt fromPayload = job.payload == null ? OptionalInt.empty() : job.payload.maxTries();
    return fromPayload.isPresent() ? fromPayload.getAsInt() : tries;
  }

  private Duration effectiveTimeout(WorkerJob job) {
    OptionalInt fromPayload = job.payload.timeout();
    return fromPayload.isPresent() ? Duration.ofSeconds(Math.max(0, fromPayload.getAsInt())) : timeout;
  }

  private Duration backoffFor(int attempts) {
    if (backoff.isEmpty()) {
      return Duration.ZERO;
    }
    return backoff.get(Math.min(Math.max(attempts, 1), backoff.size()) - 1);
  }

  private boolean memoryExceeded() {
    if (memoryLimitMb <= 0) {
      return false;
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        MemoryUsage u = pool.getCollectionUsage();
        used += u != null ? u.getUsed() : pool.getUsage().getUsed();
      }
    }
    return used >= (long) memoryLimitMb * 1024 * 1024;
  }

  private boolean restartSignalled(Optional<String> lastRestart) {
    if (!(connector instanceof RestartSignal)) {
      return false;
    }
    Optional<String> now = safeRestartValue((RestartSignal) connector);
    return now.isPresent() && !now.equals(lastRestart);
  }

  private static Optional<String> safeRestartValue(RestartSignal signal) {
    try {
      return signal.lastRestart();
    } catch (RuntimeException e) {
      LOG.warn("Could not read the restart signal: {}", e.toString());
      return Optional.empty();
    }
  }

  private static Duration errorBackoff(int streak) {
    long ms = 100L << Math.min(streak - 1, 6);
    return Duration.ofMillis(Math.min(ms, MAX_ERROR_BACKOFF.toMillis()));
  }

  private static long saturatedDeadline(Duration grace) {
    long now = System.nanoTime();
    long nanos = grace.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 2 : grace.toNanos();
    return now + nanos;
  }

  static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }

  private void installHook() {
    if (!shutdownHook) {
      return;
    }
    hook = new Thread(() -> stop(stopGrace), "queue-shutdown-hook");
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

  private static ThreadFactory named(String prefix, AtomicInteger counter, boolean daemon) {
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(prefix + counter.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }

  @Override
  public String toString() {
    return "Worker{connection=" + connection.name() + ", queues=" + queues + ", threads=" + threads + "}";
  }

  /** Settings of a {@link Worker}, named after {@code php think queue:work} options. Validated eagerly. */
  public static final class Builder {
    private QueueManager manager;
    private String connectionName;
    private List<String> queues = List.of();
    private int threads = 1;
    private int tries = DEFAULT_TRIES;
    private List<Duration> backoff = List.of();
    private Duration sleep = DEFAULT_SLEEP;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration timeoutGrace = DEFAULT_TIMEOUT_GRACE;
    private Duration stopGrace = DEFAULT_STOP_GRACE;
    private int memoryLimitMb;
    private boolean once;
    private long maxJobs;
    private Duration maxTime;
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threadFactory;
    private final List<WorkerListener> listeners = new ArrayList<>();
    private boolean shutdownHook;

    private Builder() {}

    /** The manager whose connection, registry and failed-job store the worker uses. Required. */
    public Builder manager(QueueManager manager) {
      this.manager = manager;
      return this;
    }

    /** The connection to work ({@code queue:work [connection]}); default: the manager's default. */
    public Builder connection(String name) {
      this.connectionName = name;
      return this;
    }

    /** Queues in priority order ({@code --queue a,b}); default: the connection's default queue. */
    public Builder queues(String... queues) {
      return queues(Arrays.asList(queues));
    }

    public Builder queues(List<String> queues) {
      if (queues == null || queues.isEmpty()) {
        throw new ConfigurationException("queues", queues, "name at least one queue");
      }
      List<String> checked = new ArrayList<>();
      for (String q : queues) {
        try {
          checked.add(QueueNames.require(q == null ? null : q.trim()));
        } catch (InvalidQueueNameException e) {
          throw new ConfigurationException("queues", q, "each must match [A-Za-z0-9_.:{}-]{1,255}");
        }
      }
      this.queues = List.copyOf(checked);
      return this;
    }

    /** Job threads: jobs run at once (default 1). */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new ConfigurationException("threads", threads, "must be between 1 and 1024");
      }
      this.threads = threads;
      return this;
    }

    /** Total attempts before a throwing job fails ({@code --tries}, default 3; 0 = retry forever). */
    public Builder tries(int tries) {
      if (tries < 0) {
        throw new ConfigurationException("tries", tries, "must be 0 (forever) or more");
      }
      this.tries = tries;
      return this;
    }

    /** Release delay after an exception ({@code --delay}, default 0). */
    public Builder delay(Duration delay) {
      requireNonNegative("delay", delay);
      this.backoff = List.of(delay);
      return this;
    }

    /** Release delays per attempt: the first after attempt 1, ..., the last repeats. */
    public Builder backoff(Duration... delays) {
      if (delays == null || delays.length == 0) {
        throw new ConfigurationException("backoff", "[]", "give at least one delay");
      }
      for (Duration d : delays) {
        requireNonNegative("backoff", d);
      }
      this.backoff = List.of(delays);
      return this;
    }

    /** Idle wait when every queue is empty ({@code --sleep}, default 3 s); cut short by wake-ups. */
    public Builder sleep(Duration sleep) {
      requireNonNegative("sleep", sleep);
      this.sleep = sleep;
      return this;
    }

    /** Longest a handler may run ({@code --timeout}, default 60 s; zero = no limit). */
    public Builder timeout(Duration timeout) {
      requireNonNegative("timeout", timeout);
      this.timeout = timeout;
      return this;
    }

    /** How long a handler may ignore the timeout's interrupt before the worker gives up on it (default 10 s). */
    public Builder timeoutGrace(Duration grace) {
      requireNonNegative("timeoutGrace", grace);
      this.timeoutGrace = grace;
      return this;
    }

    /** How long {@link Worker#close()} and the shutdown hook wait for running jobs (default 30 s). */
    public Builder stopGrace(Duration grace) {
      requireNonNegative("stopGrace", grace);
      this.stopGrace = grace;
      return this;
    }

    /**
     * Stop with {@link #EXIT_MEMORY_LIMIT} when the heap in use after garbage collection reaches this many MB
     * ({@code --memory}). Default 0 = off: unlike PHP's, a JVM heap is bounded by {@code -Xmx} already.
     */
    public Builder memoryLimitMb(int mb) {
      if (mb < 0) {
        throw new ConfigurationException("memoryLimitMb", mb, "must be 0 (off) or more");
      }
      this.memoryLimitMb = mb;
      return this;
    }

    /** Process one job (or wait {@code sleep} for one) and stop ({@code --once}). */
    public Builder once(boolean once) {
      this.once = once;
      return this;
    }

    /** Stop after this many jobs (0 = no limit). */
    public Builder maxJobs(long maxJobs) {
      if (maxJobs < 0) {
        throw new ConfigurationException("maxJobs", maxJobs, "must be 0 (no limit) or more");
      }
      this.maxJobs = maxJobs;
      return this;
    }

    /** Stop after running this long ({@code null} = no limit). */
    public Builder maxTime(Duration maxTime) {
      if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
        throw new ConfigurationException("maxTime", maxTime, "must be positive, or null for no limit");
      }
      this.maxTime = maxTime;
      return this;
    }

    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new ConfigurationException("clock", null, "must not be null");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Creates job threads (default: daemon threads named {@code queue-worker-N}; the worker, not the JVM, decides
     * when running jobs end).
     */
    public Builder threadFactory(ThreadFactory factory) {
      if (factory == null) {
        throw new ConfigurationException("threadFactory", null, "must not be null");
      }
      this.threadFactory = factory;
      return this;
    }

    public Builder listener(WorkerListener listener) {
      if (listener == null) {
        throw new ConfigurationException("listener", null, "must not be null");
      }
      this.listeners.add(listener);
      return this;
    }

    /** Stop gracefully on JVM shutdown (SIGTERM) while {@link Worker#run()} runs. Off by default. */
    public Builder shutdownHook(boolean install) {
      this.shutdownHook = install;
      return this;
    }

    /**
     * @throws ConfigurationException if the manager is missing, has no registry, or names no such connection
     */
    public Worker build() {
      if (manager == null) {
        throw new ConfigurationException("manager", null, "a Worker needs a QueueManager");
      }
      if (manager.registry() == null) {
        throw new ConfigurationException("registry", null, "the QueueManager of a Worker needs a JobRegistry");
      }
      manager.connection(connectionName);
      return new Worker(this);
    }

    private static void requireNonNegative(String setting, Duration d) {
      if (d == null || d.isNegative()) {
        throw new ConfigurationException(setting, d, "must be zero or positive");
      }
    }
  }

  /**
   * The job threads' queue: one idle job thread at a time spins briefly for the next job before it parks, so a
   * stream of short jobs is not paid for with a park and an unpark per job; the other idle threads park at once.
   */
  private static final class HandOffQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private final transient AtomicBoolean spinning = new AtomicBoolean();

    @Override
    public Runnable take() throws InterruptedException {
      Runnable r = poll();
      if (r != null) {
        return r;
      }
      if (spinning.compareAndSet(false, true)) {
        try {
          long until = System.nanoTime() + SPIN_NANOS;
          while (System.nanoTime() - until < 0) {
            if ((r = poll()) != null) {
              return r;
            }
            Thread.onSpinWait();
          }
        } finally {
          spinning.set(false);
        }
      }
      return super.take();
    }
  }
}
