package org.thinkqueue.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.thinkqueue.Job;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.Payload;
import org.thinkqueue.spi.ReservedJob;

/** The {@link Job} a worker hands to handlers: one reservation, settled at most once. */
final class WorkerJob implements Job {
  static final int ACTIVE = 0;
  static final int DELETED = 1;
  static final int RELEASED = 2;
  static final int FAILED = 3;

  private final Worker worker;
  private final Connector connector;
  private final String connection;
  /** The queue the worker popped it from, in case the driver's reservation names none. */
  private final String poppedFrom;
  final ReservedJob reserved;
  final Payload payload;
  final RuntimeException decodeError;
  private final AtomicInteger state = new AtomicInteger(ACTIVE);
  private volatile boolean deletedFromStore;

  /** Set once the handler is known, for {@code failed(data, e)}. */
  volatile RegisteredJob handler;
  volatile Object data;
  /** The thread running the handler, for interrupts on timeout and shutdown. */
  volatile Thread thread;
  /** Armed while the handler runs with a timeout; the watchdog's sweep fires it at {@link #timeoutAtNanos}. */
  volatile boolean timeoutArmed;
  volatile long timeoutAtNanos;
  volatile Duration timeout;
  /** Set while the reservation is extended; the sweep extends it at {@link #nextExtendNanos}. */
  volatile boolean extending;
  volatile long nextExtendNanos;
  volatile boolean timedOut;
  /** Guards {@link #timedOut} against {@link #handlerReturned}: whichever is set first decides the attempt. */
  final Object phaseLock = new Object();
  boolean handlerReturned;
  /** Claimed by whoever settles the attempt's outcome: the job thread, or the watchdog after the grace period. */
  final AtomicBoolean outcomeClaimed = new AtomicBoolean();
  private volatile boolean finished;
  /**
   * Counted down when the attempt is over. Handlers receive this object as their {@link Job} and may lock it: the
   * worker never waits, notifies or synchronizes on it.
   */
  private final CountDownLatch done = new CountDownLatch(1);
  /** The worker's delete after the handler returned, while it is being written. */
  volatile CompletableFuture<Void> pendingDelete;

  WorkerJob(Worker worker, Connector connector, String connection, String poppedFrom, ReservedJob reserved,
      Payload payload, RuntimeException decodeError) {
    this.worker = worker;
    this.connector = connector;
    this.connection = connection;
    this.poppedFrom = poppedFrom;
    this.reserved = reserved;
    this.payload = payload;
    this.decodeError = decodeError;
  }

  /** The payload's id, else the driver's; "" when neither can tell (a broken payload on the failure path). */
  @Override
  public String getId() {
    String id = payload != null ? payload.id() : null;
    if (id == null) {
      try {
        id = reserved.id();
      } catch (RuntimeException e) {
        id = null;
      }
    }
    return id == null ? "" : id;
  }

  /** The id for log lines: "(no id)" rather than an empty string. */
  String logId() {
    String id = getId();
    return id.isEmpty() ? "(no id)" : id;
  }

  /** The payload's job name, "?" when the payload could not be read. */
  @Override
  public String getName() {
    String name = payload == null ? null : payload.job();
    return name == null ? "?" : name;
  }

  @Override
  public String getQueue() {
    String queue = reserved.queue();
    return queue != null ? queue : poppedFrom;
  }

  @Override
  public String getConnection() {
    return connection;
  }

  @Override
  public int attempts() {
    return reserved.attempts();
  }

  @Override
  public void delete() {
    if (state.compareAndSet(ACTIVE, DELETED)) {
      stopExtending();
      connector.delete(reserved);
      deletedFromStore = true;
    }
  }

  @Override
  public void release(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("Release delay must not be negative or null, was " + delay);
    }
    if (state.compareAndSet(ACTIVE, RELEASED)) {
      stopExtending();
      connector.release(reserved, delay);
    }
  }

  /** Claims the job for failing; the caller then records, deletes and notifies. */
  boolean claimFailed() {
    if (state.compareAndSet(ACTIVE, FAILED)) {
      stopExtending();
      return true;
    }
    return false;
  }

  /**
   * The worker's delete after a handler returned: the job counts as deleted at once, the write completes later
   * ({@link Connector#deleteAsync}). Null when the job was not active.
   */
  CompletableFuture<Void> deleteAfterReturn() {
    if (!state.compareAndSet(ACTIVE, DELETED)) {
      return null;
    }
    stopExtending();
    return connector.deleteAsync(reserved).whenComplete((ok, e) -> {
      if (e == null) {
        deletedFromStore = true;
      }
    });
  }

  void markDeletedFromStore() {
    deletedFromStore = true;
  }

  @Override
  public boolean isDeleted() {
    int s = state.get();
    return s == DELETED || (s == FAILED && deletedFromStore);
  }

  @Override
  public boolean isReleased() {
    return state.get() == RELEASED;
  }

  @Override
  public void fail(Throwable cause) {
    worker.failJob(this, cause == null ? new RuntimeException("ManuallyFailed") : cause);
  }

  @Override
  public boolean hasFailed() {
    return state.get() == FAILED;
  }

  boolean isActive() {
    return state.get() == ACTIVE;
  }

  @Override
  public String getRawBody() {
    return reserved.rawBody();
  }

  @Override
  public Payload payload() {
    if (payload == null) {
      throw decodeError;
    }
    return payload;
  }

  void stopExtending() {
    extending = false;
  }

  boolean isFinished() {
    return finished;
  }

  /** Called once by the worker when the attempt is over (job thread returned or the job was abandoned). */
  void markFinished() {
    finished = true;
    done.countDown();
  }

  /** Waits up to {@code nanos} for {@link #markFinished()}; true if it happened. */
  boolean awaitFinished(long nanos) throws InterruptedException {
    return done.await(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "Job{id=" + getId() + ", name=" + getName() + ", queue=" + getQueue() + ", attempt=" + attempts() + "}";
  }
}
