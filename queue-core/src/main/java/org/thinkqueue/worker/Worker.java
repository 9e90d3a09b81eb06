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
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.UnknownJobException;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerListeners;
import org.thinkqueue.event.WorkerStopping;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.internal.QueueNames;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
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
  /** The release delay after a job threw: exponential from 1 s to 5 min with jitter ({@link Backoff#DEFAULT}). */
  public static final Backoff DEFAULT_BACKOFF = Backoff.DEFAULT;
  /**
   * The largest payload a worker reads (16 MiB of UTF-8): a bigger one is failed without being decoded. Separate from
   * the producer's push limit, since other producers (PHP) may write bigger payloads.
   */
  /** The longest {@code timeout} a worker accepts; {@link Duration#ZERO} means none. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);
  public static final int DEFAULT_MAX_PAYLOAD_READ_BYTES = 16 * 1024 * 1024;

  private static final AtomicInteger POLL_THREADS = new AtomicInteger();
  private static final AtomicInteger JOB_THREADS = new AtomicInteger();
  private static final AtomicInteger WATCHDOG_THREADS = new AtomicInteger();
  /** How often the watchdog checks the restart signal and the memory limit: a restart is seen within 1 s. */
  static final long HOUSEKEEPING_MILLIS = 500;
  /**
   * The release delay of a job whose failure could not be recorded, by the number of such failures in a row, whatever
   * the configured back-off: it must not spin against a store that refuses writes.
   */
  private static final Backoff STORE_FAILURE_BACKOFF = Backoff.exponential(Duration.ofSeconds(1),
      Duration.ofMinutes(5));
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
  private final Backoff backoff;
  private final int maxReadBytes;
  private final Duration sleep;
  private final Duration timeout;
  private final Duration timeoutGrace;
  private final Duration stopGrace;
  private final int memoryLimitMb;
  private final boolean once;
  private final long maxJobs;
  private final Duration maxTime;
  private final Clock clock;
  private final WorkerListeners listeners;
  private final boolean shutdownHook;

  private final ThreadFactory threadFactory;
  private final ExecutorService jobThreads;
  private final ScheduledExecutorService watchdog;
  /** How often a running job's reservation is extended; 0 when the connector's reservations never expire. */
  private final long extendPeriodNanos;
  private final Semaphore slots;
  /** Queues whose last reservation the store refused as a data error (logged once per streak). */
  private final Set<String> refusedQueues = ConcurrentHashMap.newKeySet();
  /** Failed reservation extensions in a row (logged once per streak: an outage fails every running job's). */
  private final AtomicInteger extendFailures = new AtomicInteger();
  private final Set<WorkerJob> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deletesInFlight = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final Set<String> warnedNoDelete = ConcurrentHashMap.newKeySet();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong reserved = new AtomicLong();
  private final Object idleLock = new Object();
  private final Lifecycle lifecycle = new Lifecycle();
  private final RestartWatch restartWatch;
  /** Failed-job records that could not be written in a row; logged once per streak. */
  private final AtomicInteger recordFailures = new AtomicInteger();

  private volatile Duration requestedGrace;
  /** The status a stop condition found by the watchdog (memory limit) asks for. */
  private volatile int requestedStatus = EXIT_OK;
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
    this.maxReadBytes = b.maxReadBytes;
    this.sleep = b.sleep;
    this.timeout = b.timeout;
    this.timeoutGrace = b.timeoutGrace;
    this.stopGrace = b.stopGrace;
    this.memoryLimitMb = b.memoryLimitMb;
    this.once = b.once;
    this.maxJobs = b.maxJobs;
    this.maxTime = b.maxTime;
    this.clock = b.clock;
    this.listeners = new WorkerListeners(b.listeners);
    this.shutdownHook = b.shutdownHook;
    this.threadFactory = b.threadFactory != null ? b.threadFactory : named("queue-worker-", JOB_THREADS, true);
    this.jobThreads = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new HandOffQueue(),
        threadFactory);
    // Two threads: a slow restart-signal read must not hold up timeouts and reservation extensions.
    ScheduledThreadPoolExecutor wd = new ScheduledThreadPoolExecutor(2,
        named("queue-watchdog-", WATCHDOG_THREADS, true));
    wd.setRemoveOnCancelPolicy(true);
    this.watchdog = wd;
    this.slots = new Semaphore(threads);
    Duration retryAfter = connector.retryAfter();
    this.extendPeriodNanos = connector instanceof ExtendsReservations && retryAfter != null
        ? extendPeriod(retryAfter).toNanos() : 0;
    this.restartWatch = new RestartWatch(connector instanceof RestartSignal rs ? rs : null, connection.name());
  }

  /**
   * How often a running job's reservation is extended: a whole-second store's lease lasts {@code retryAfter} minus
   * up to 1 s, and three extensions fit in what is left (at least every 50 ms).
   */
  static Duration extendPeriod(Duration retryAfter) {
    long ms = (retryAfter.toMillis() - 1000) / 3;
    return Duration.ofMillis(Math.max(50, ms));
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
    lifecycle.begin();
    return runLoop();
  }

  /**
   * Runs the worker on a new poll thread and returns at once.
   *
   * @throws IllegalStateException (on the caller's thread) if the worker was already started or stopped
   */
  public Thread start() {
    lifecycle.begin();
    Thread t;
    try {
      t = named("queue-poll-", POLL_THREADS, false).newThread(this::runLoop);
      t.start();
    } catch (RuntimeException | Error e) {
      lifecycle.terminate();
      shutdownExecutors();
      throw e;
    }
    return t;
  }

  private int runLoop() {
    installHook();
    try {
      return loop();
    } finally {
      lifecycle.terminate();
      removeHook();
    }
  }

  /**
   * Processes at most one job from the queues (in priority order) on a job thread and waits for its outcome. For
   * deterministic tests and think-queue's {@code --once}.
   *
   * @return true if a job was reserved and processed
   */
  public boolean runOnce() {
    if (lifecycle.isStopping()) {
      throw new IllegalStateException("Worker is stopped");
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
        WorkerJob job = dispatch(queue, jobs.get(0));
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
    Lifecycle.State before;
    synchronized (idleLock) {
      if (stopDeadline == NO_DEADLINE || deadline - stopDeadline < 0) {
        requestedGrace = grace;
        stopDeadline = deadline;
      }
      before = lifecycle.requestStop();
      interruptIdle();
    }
    if (before == Lifecycle.State.NEW) {
      // never ran: only runOnce() jobs may be running
      drain(grace);
      shutdownExecutors();
    } else {
      try {
        lifecycle.awaitTerminated(saturatedMillis(grace) + timeoutGrace.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@link #stop(Duration)} with the builder's stop grace. Idempotent. */
  @Override
  public void close() {
    stop(stopGrace);
    shutdownExecutors();
  }

  /** Jobs whose attempt completed (any outcome) since start. */
  public long processedJobs() {
    return processed.get();
  }

  /** True once {@link #stop} was called or a stop condition was met. */
  public boolean isStopping() {
    return lifecycle.isStopping();
  }

  /** A stop condition met inside the worker: no grace of its own, running jobs finish. */
  private void stopFromWithin(int status) {
    synchronized (idleLock) {
      if (status != EXIT_OK) {
        requestedStatus = status;
      }
      lifecycle.requestStop();
      interruptIdle();
    }
  }

  /** Under idleLock: wakes the poll thread if it waits for work or for a slot. */
  private void interruptIdle() {
    if (idleThread != null) {
      idleThread.interrupt();
    }
  }

  private int loop() {
    restartWatch.takeBaseline();
    long startNanos = System.nanoTime();
    Instant startedAt = clock.instant();
    PollOutage outage = new PollOutage(connection.name(), PollOutage.SLF4J, System::nanoTime);
    LOG.info("Worker started: connection={}, queues={}, threads={}, tries={}, backoff={}, sleep={}, timeout={}, "
            + "memoryLimitMb={}, once={}, maxJobs={}, maxTime={}, maxPayloadReadBytes={}, retryAfter={}, connector={}, "
            + "failedStore={}",
        connection.name(), queues, threads, tries, backoff, sleep, timeout, memoryLimitMb, once, maxJobs, maxTime,
        maxReadBytes, connector.retryAfter(), connector.getClass().getSimpleName(), failedStore);
    scheduleHousekeeping();
    int status = EXIT_OK;
    while (true) {
      if (lifecycle.isStopping() || Thread.currentThread().isInterrupted()) {
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
        String from = null;
        QueueDataException refused = null;
        for (String queue : queues) {
          if (lifecycle.isStopping()) {
            break;
          }
          try {
            jobs = connector.pop(queue, max);
          } catch (QueueDataException e) {
            // The store refused this queue's data (e.g. a key of the wrong type): the other queues still run.
            refused = e;
            if (refusedQueues.add(queue)) {
              LOG.error("Queue '{}' on connection '{}' cannot be reserved from: {}; working the other queues and "
                  + "trying it again on every poll (logged once until it works again)", queue, connection.name(),
                  e.getMessage());
            }
            continue;
          }
          if (refusedQueues.remove(queue)) {
            LOG.info("Queue '{}' on connection '{}' can be reserved from again", queue, connection.name());
          }
          if (!jobs.isEmpty()) {
            from = queue;
            break;
          }
        }
        if (refused != null && refusedQueues.size() == queues.size()) {
          throw refused; // nothing to work: pause as in an outage
        }
        outage.succeeded();
        int got = jobs.size();
        slots.release(free - got);
        free = 0;
        List<WorkerJob> dispatched = new ArrayList<>(got);
        for (ReservedJob r : jobs) {
          dispatched.add(dispatch(from, r));
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
        waitIdle(outage.failed(t), true);
      }
    }
    lifecycle.requestStop();
    boolean interrupted = Thread.interrupted();
    Duration grace = requestedGrace != null ? requestedGrace : Duration.ofMillis(Long.MAX_VALUE / 2_000_000);
    drain(grace);
    // Finished jobs whose deletes are still being written: let them land, or they would run again.
    awaitDeletes(Duration.ofSeconds(5));
    if (status == EXIT_OK) {
      status = requestedStatus;
    }
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

  /**
   * The restart signal and the memory limit, checked by the watchdog every {@link #HOUSEKEEPING_MILLIS} rather than
   * between idle waits, so a stop is noticed within a second; the idle wait is interrupted.
   */
  private void scheduleHousekeeping() {
    if (!(connector instanceof RestartSignal) && memoryLimitMb <= 0) {
      return;
    }
    try {
      watchdog.scheduleWithFixedDelay(this::housekeep, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopped before it began
    }
  }

  private void housekeep() {
    try {
      if (lifecycle.isStopping()) {
        return;
      }
      if (memoryExceeded()) {
        LOG.warn("Worker heap after GC reached the memory limit of {} MB; stopping with status {}", memoryLimitMb,
            EXIT_MEMORY_LIMIT);
        stopFromWithin(EXIT_MEMORY_LIMIT);
      } else if (restartWatch.restartRequested()) {
        LOG.info("Restart signal received; stopping");
        stopFromWithin(EXIT_OK);
      }
    } catch (Throwable t) {
      LOG.error("Worker housekeeping failed; it runs again in {} ms", HOUSEKEEPING_MILLIS, t);
    }
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
      if (lifecycle.isStopping()) {
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
      // stop() interrupts an idle poll thread (leaveIdle clears that); any other interrupt ends the loop
      Thread.currentThread().interrupt();
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
      if (lifecycle.isStopping()) {
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
      // stop() interrupts an idle poll thread (leaveIdle clears that); any other interrupt ends the loop
      Thread.currentThread().interrupt();
    } finally {
      leaveIdle();
    }
  }

  private void leaveIdle() {
    synchronized (idleLock) {
      idleThread = null;
      if (lifecycle.isStopping()) {
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

  private WorkerJob dispatch(String queue, ReservedJob r) {
    ensureSweeping();
    reserved.incrementAndGet();
    Payload payload = null;
    RuntimeException decodeError = null;
    try {
      decodeError = checkReadable(r.rawBody());
      if (decodeError == null) {
        payload = codec.decode(r.rawBody());
      }
    } catch (PayloadException e) {
      decodeError = e;
    } catch (RuntimeException e) {
      decodeError = new PayloadException("Payload could not be decoded: " + e.getClass().getName(), e);
    }
    WorkerJob job = new WorkerJob(this, connector, connection.name(), queue, r, payload, decodeError);
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

  /**
   * Null if the payload may be decoded; else why not: missing, or above the read limit (measured without decoding:
   * 3 bytes per char bounds its UTF-8 length, counted only when that bound is over the limit).
   */
  private PayloadException checkReadable(String raw) {
    if (raw == null) {
      return new PayloadException("Payload is missing (the store returned no body)");
    }
    if ((long) raw.length() * 3 > maxReadBytes) {
      int size = PayloadCodec.utf8Length(raw);
      if (size > maxReadBytes) {
        return new PayloadTooLargeToReadException(size, maxReadBytes);
      }
    }
    return null;
  }

  private void process(WorkerJob job) {
    job.thread = Thread.currentThread();
    try {
      if (lifecycle.isStopping() && requestedGrace != null && requestedGrace.isZero()) {
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
      job.markFinished();
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
            + "expires (retryAfter {}): {}", job.logId(), job.getName(), connector.retryAfter(), cause.toString());
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
      LOG.warn("Job {} on queue '{}' has an unreadable payload; recording it as failed: {}", job.logId(),
          job.getQueue(), job.decodeError.getMessage());
      claimAndFail(job, job.decodeError);
      return;
    }
    int maxTries = effectiveMaxTries(job);
    // think-queue: 0 === $maxTries || attempts <= $maxTries; a negative maxTries (a payload's) fails at once.
    if (maxTries != 0 && job.attempts() > maxTries) {
      // think-queue's failJob() calls the handler's failed($data, $e) on this path too
      registry.find(job.getName()).ifPresent(h -> {
        try {
          job.data = h.convert(job.payload);
          job.handler = h;
        } catch (RuntimeException e) {
          LOG.warn("Job {} ({}) has data its handler cannot read; failing it without calling failed(): {}",
              job.logId(), job.getName(), e.getMessage());
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
      data = handler.convert(job.payload);
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
            job.getName(), job.logId(), connector.retryAfter());
      }
    }
  }

  private void handleException(WorkerJob job, Throwable error, int maxTries) {
    try {
      if (!job.hasFailed() && job.isActive() && maxTries != 0 && job.attempts() >= maxTries) {
        LOG.warn("Job {} ({}) on queue '{}' failed at attempt {} of {}: {}", job.logId(), job.getName(),
            job.getQueue(), job.attempts(), maxTries, error.toString());
        failJob(job, error);
      }
      listeners.fire(new JobExceptionOccurred(connection.name(), job, error),
          WorkerListener::onJobExceptionOccurred);
    } finally {
      if (job.isActive()) {
        Duration delay = backoff.delayAfter(job.attempts());
        LOG.warn("Job {} ({}) on queue '{}' threw at attempt {}; released with delay {} ms: {}", job.logId(),
            job.getName(), job.getQueue(), job.attempts(), delay.toMillis(), error.toString());
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
    String raw = job.getRawBody();
    try {
      failedStore.record(connection.name(), job.getQueue(), raw == null ? "" : raw, stackTrace(cause));
    } catch (RuntimeException e) {
      releaseUnrecorded(job, e);
      return;
    }
    int streak = recordFailures.getAndSet(0);
    if (streak > 0) {
      LOG.info("Failed-job store {} records again after {} failed writes", failedStore, streak);
    }
    try {
      connector.delete(job.reserved);
      job.markDeletedFromStore();
    } catch (RuntimeException e) {
      LOG.error("Job {} was recorded as failed but could not be deleted; it may run again after its reservation "
          + "expires", job.logId(), e);
    }
    RegisteredJob handler = job.handler;
    if (handler != null) {
      try {
        handler.failed(job.data, cause);
      } catch (Throwable t) {
        LOG.error("failed() of job {} ({}) threw; the job is recorded as failed anyway", job.logId(),
            job.getName(), t);
      }
    }
    listeners.fire(new JobFailed(connection.name(), job, cause), WorkerListener::onJobFailed);
  }

  /**
   * A job whose failure could not be recorded goes back with a delay that grows with the failed writes in a row,
   * whatever the back-off: a store that refuses writes must not turn it into a hot loop. Logged once per streak.
   */
  private void releaseUnrecorded(WorkerJob job, RuntimeException e) {
    int streak = recordFailures.incrementAndGet();
    Duration delay = STORE_FAILURE_BACKOFF.delayAfter(streak);
    Duration configured = backoff.delayAfter(job.attempts());
    if (configured.compareTo(delay) > 0) {
      delay = configured;
    }
    if (streak == 1) {
      LOG.error("Could not record failed job {} ({}) on queue '{}' in the failed-job store {}; releasing it with "
          + "a growing delay (now {} ms) until the store takes writes again (logged once per streak)", job.logId(),
          job.getName(), job.getQueue(), failedStore, delay.toMillis(), e);
    } else {
      LOG.debug("Could not record failed job {} ({}), {} failed writes in a row; released with delay {} ms: {}",
          job.logId(), job.getName(), streak, delay.toMillis(), e.toString());
    }
    try {
      connector.release(job.reserved, delay);
    } catch (RuntimeException re) {
      LOG.error("Could not release job {} ({}) either; it returns when its reservation expires: {}", job.logId(),
          job.getName(), re.toString());
    }
  }

  private void releaseByWorker(WorkerJob job, Duration delay) {
    if (!job.isActive()) {
      return;
    }
    try {
      job.release(delay);
      listeners.fire(new JobReleased(connection.name(), job, delay), WorkerListener::onJobReleased);
    } catch (RuntimeException e) {
      LOG.error("Could not release job {} ({}); it returns when its reservation expires", job.logId(),
          job.getName(), e);
    }
  }

  private void releaseQuietly(WorkerJob job, Duration delay) {
    try {
      job.release(delay);
    } catch (RuntimeException e) {
      LOG.error("Could not release job {}; it returns when its reservation expires", job.logId(), e);
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
    LOG.warn("Job {} ({}) on queue '{}' ran past its timeout of {} ms; interrupted it", job.logId(), job.getName(),
        job.getQueue(), jobTimeout.toMillis());
    try {
      watchdog.schedule(() -> abandonIfStuck(job, jobTimeout), timeoutGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private void abandonIfStuck(WorkerJob job, Duration jobTimeout) {
    if (job.isFinished() || !job.outcomeClaimed.compareAndSet(false, true)) {
      return;
    }
    LOG.error("Job {} ({}) ignored the interrupt {} ms after its timeout; settling it and stopping the worker "
        + "with status {} so a supervisor can restart the process", job.logId(), job.getName(),
        timeoutGrace.toMillis(), EXIT_JOB_TIMEOUT);
    stuck = true;
    running.remove(job);
    handleException(job, new JobTimeoutException(job.getName(), jobTimeout), effectiveMaxTries(job));
    stopFromWithin(EXIT_JOB_TIMEOUT);
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
    if (!job.isActive() || job.isFinished()) {
      job.stopExtending();
      return;
    }
    try {
      boolean extended = ((ExtendsReservations) connector).extend(job.reserved);
      int failed = extendFailures.getAndSet(0);
      if (failed > 0) {
        LOG.info("Reservations can be extended again after {} failed extensions", failed);
      }
      if (!extended) {
        LOG.warn("Reservation of job {} ({}) was lost while it ran; another worker may run it too", job.logId(),
            job.getName());
        job.stopExtending();
      }
    } catch (RuntimeException e) {
      if (extendFailures.getAndIncrement() == 0) {
        LOG.warn("Could not extend the reservation of job {}: {} (logged once until an extension works again)",
            job.logId(), e.toString());
      }
    }
  }

  /** Waits for running jobs until the stop deadline (which a later stop may shorten), then releases the rest. */
  private void drain(Duration grace) {
    for (WorkerJob job : List.copyOf(running)) {
      awaitFinished(job, true);
    }
    for (WorkerJob job : List.copyOf(running)) {
      if (job.isFinished() || !job.outcomeClaimed.compareAndSet(false, true)) {
        continue;
      }
      LOG.warn("Job {} ({}) did not finish within the stop grace of {} ms; releasing it now", job.logId(),
          job.getName(), grace.toMillis());
      releaseByWorker(job, Duration.ZERO);
      Thread t = job.thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private void awaitFinished(WorkerJob job, boolean untilStopDeadline) {
    while (!job.isFinished() && !(stuck && !running.contains(job))) {
      long deadline = untilStopDeadline ? stopDeadline : NO_DEADLINE;
      long left = deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        // Wakes at least every 100 ms: a later stop may shorten the deadline, a stuck job may be abandoned.
        job.awaitFinished(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
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

  private static long saturatedMillis(Duration d) {
    return d.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : d.toMillis();
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

    /**
     * One release delay after every exception ({@code --delay}); {@link Duration#ZERO} releases at once, as
     * think-queue's default does. Default: {@link #DEFAULT_BACKOFF}, exponential from 1 s to 5 min with jitter.
     */
    public Builder delay(Duration delay) {
      this.backoff = Backoff.fixed(delay);
      return this;
    }

    /** Release delays per attempt: the first after attempt 1, ..., the last repeats. */
    public Builder backoff(Duration... delays) {
      this.backoff = Backoff.list(delays);
      return this;
    }

    /** The release delay after an exception, per attempt (default {@link #DEFAULT_BACKOFF}). */
    public Builder backoff(Backoff backoff) {
      if (backoff == null) {
        throw new ConfigurationException("backoff", null, "must not be null");
      }
      this.backoff = backoff;
      return this;
    }

    /**
     * The largest payload, in UTF-8 bytes, the worker decodes (default {@link #DEFAULT_MAX_PAYLOAD_READ_BYTES},
     * 16 MiB). A bigger one is failed into the failed-job store with a {@link PayloadTooLargeToReadException} naming
     * its size, without being decoded; the record keeps the payload, so a retry re-pushes it.
     */
    public Builder maxPayloadReadBytes(int bytes) {
      if (bytes < 1) {
        throw new ConfigurationException("maxPayloadReadBytes", bytes, "must be positive");
      }
      this.maxReadBytes = bytes;
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
      if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new ConfigurationException("timeout", timeout, "at most " + MAX_TIMEOUT + "; zero means no limit");
      }
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
