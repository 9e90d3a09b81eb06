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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.thinkqueue.Job;
import org.thinkqueue.Payload;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;

/**
 * The {@link Job} a worker hands to handlers: one reservation, settled at most once.
 *
 * <p>The worker's per-attempt protocol is expressed as operations on the job: the job thread binds
 * itself, arms the timeout, starts extending and reports {@link #handlerReturned()}; the watchdog
 * takes due deadlines and {@link #timeOut()}s it. Handlers receive this object and may lock it: the
 * worker never waits, notifies or synchronizes on it, only on private locks.
 */
final class WorkerJob implements Job {
  private static final int ACTIVE = 0;
  private static final int DELETED = 1;
  private static final int RELEASED = 2;
  private static final int FAILED = 3;

  private final FailureHandler failures;
  private final Connector connector;
  private final String connection;

  /** The queue the worker popped it from, in case the driver's reservation names none. */
  private final String poppedFrom;

  private final ReservedJob reserved;
  private final Payload payload;
  private final RuntimeException decodeError;
  private final AtomicInteger state = new AtomicInteger(ACTIVE);
  private volatile boolean deletedFromStore;

  /** How this attempt is retried; replaced once the handler is known. */
  private volatile AttemptRules rules;

  /** Fields the worker writes into the payload when the job goes back (guarded by itself). */
  private final Map<String, Long> stamps = new LinkedHashMap<>(4);

  private volatile boolean snoozed;

  /** Set once the handler is known, for {@code failed(data, e)}. */
  private volatile RegisteredJob handler;

  private volatile Object data;

  /** The thread running the attempt, for interrupts on timeout and shutdown. */
  private volatile Thread thread;

  private volatile boolean timeoutArmed;
  private volatile long timeoutAtNanos;
  private volatile Duration timeout;
  private volatile boolean abandonArmed;
  private volatile long abandonAtNanos;
  private volatile boolean extending;
  private volatile long nextExtendNanos;

  /**
   * Guards {@link #timedOut} against {@link #returned}: whichever is set first decides the attempt.
   */
  private final Object phaseLock = new Object();

  private boolean returned;
  private boolean timedOut;

  /**
   * Claimed by whoever settles the attempt's outcome: the job thread, the watchdog, or a stopping
   * worker.
   */
  private final AtomicBoolean outcomeClaimed = new AtomicBoolean();

  private volatile boolean over;
  private final CountDownLatch done = new CountDownLatch(1);

  /** The worker's delete after the handler returned, while it is being written. */
  private volatile CompletableFuture<Void> pendingDelete;

  WorkerJob(
      FailureHandler failures,
      Connector connector,
      String connection,
      String poppedFrom,
      ReservedJob reserved,
      Payload payload,
      RuntimeException decodeError,
      AttemptRules rules) {
    this.failures = failures;
    this.rules = rules;
    this.connector = connector;
    this.connection = connection;
    this.poppedFrom = poppedFrom;
    this.reserved = reserved;
    this.payload = payload;
    this.decodeError = decodeError;
  }

  // ---- Job ----

  /**
   * The payload's id, else the driver's; "" when neither can tell (a broken payload on the failure
   * path).
   */
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
      throw new IllegalArgumentException(
          "Release delay must not be negative or null, was " + delay);
    }
    if (state.compareAndSet(ACTIVE, RELEASED)) {
      stopExtending();
      failures.rescheduler().release(reserved, delay, stamps());
    }
  }

  /**
   * Back after {@code delay} with this attempt given back (see {@link Job#snooze}); fires {@code
   * JobSnoozed} once the store took it.
   */
  @Override
  public void snooze(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("Snooze delay must not be negative or null, was " + delay);
    }
    if (state.compareAndSet(ACTIVE, RELEASED)) {
      snoozed = true;
      stopExtending();
      boolean refunded = failures.rescheduler().snooze(reserved, delay, stamps());
      failures.snoozed(this, delay, refunded);
    }
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
    failures.failJob(this, cause == null ? new RuntimeException("ManuallyFailed") : cause);
  }

  @Override
  public boolean hasFailed() {
    return state.get() == FAILED;
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

  @Override
  public String toString() {
    return "Job{id="
        + getId()
        + ", name="
        + getName()
        + ", queue="
        + getQueue()
        + ", attempt="
        + attempts()
        + "}";
  }

  // ---- the worker's view ----

  /** The id for log lines: "(no id)" rather than an empty string. */
  String logId() {
    String id = getId();
    return id.isEmpty() ? "(no id)" : id;
  }

  ReservedJob reservation() {
    return reserved;
  }

  AttemptRules rules() {
    return rules;
  }

  void rules(AttemptRules rules) {
    this.rules = rules;
  }

  /** Writes {@code field = value} into the payload when the job goes back to its queue. */
  void stamp(String field, long value) {
    synchronized (stamps) {
      stamps.put(field, value);
    }
  }

  private Map<String, Long> stamps() {
    synchronized (stamps) {
      return stamps.isEmpty() ? Map.of() : new LinkedHashMap<>(stamps);
    }
  }

  /** True once the job was snoozed (it counts as released too). */
  boolean isSnoozed() {
    return snoozed;
  }

  /** The decoded payload, or null when it could not be read ({@link #decodeError()} says why). */
  Payload decoded() {
    return payload;
  }

  RuntimeException decodeError() {
    return decodeError;
  }

  boolean isActive() {
    return state.get() == ACTIVE;
  }

  /** Claims the job for failing; the caller then records, deletes and notifies. */
  boolean claimFailed() {
    if (state.compareAndSet(ACTIVE, FAILED)) {
      stopExtending();
      return true;
    }
    return false;
  }

  void markDeletedFromStore() {
    deletedFromStore = true;
  }

  /**
   * The worker's delete after a handler returned: the job counts as deleted at once, the write
   * completes later ({@link Connector#deleteAsync}); {@link #pendingDelete()} returns it until
   * then. No-op when not active.
   */
  void deleteAfterReturn() {
    if (!state.compareAndSet(ACTIVE, DELETED)) {
      return;
    }
    stopExtending();
    pendingDelete =
        connector
            .deleteAsync(reserved)
            .whenComplete(
                (ok, e) -> {
                  if (e == null) {
                    deletedFromStore = true;
                  }
                });
  }

  /** The delete from {@link #deleteAfterReturn()}, or null. */
  CompletableFuture<Void> pendingDelete() {
    return pendingDelete;
  }

  /** The handler and its converted data, for the attempt and for {@code failed(data, cause)}. */
  void resolved(RegisteredJob handler, Object data) {
    this.handler = handler;
    this.data = data;
  }

  RegisteredJob handler() {
    return handler;
  }

  Object data() {
    return data;
  }

  /** Claims the attempt's outcome; true for the one caller that may settle it. */
  boolean claimOutcome() {
    return outcomeClaimed.compareAndSet(false, true);
  }

  // ---- threads and deadlines ----

  void bindThread() {
    thread = Thread.currentThread();
  }

  void unbindThread() {
    thread = null;
  }

  void interruptThread() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /** The handler runs with {@code timeout}; the watchdog times it out at {@code deadlineNanos}. */
  void armTimeout(Duration timeout, long deadlineNanos) {
    this.timeout = timeout;
    this.timeoutAtNanos = deadlineNanos;
    this.timeoutArmed = true;
  }

  /** The armed timeout, or null when the attempt runs without one. */
  Duration armedTimeout() {
    return timeout;
  }

  /** True once, when the timeout is armed and {@code now} is past it (the watchdog's sweep). */
  boolean takeDueTimeout(long now) {
    if (timeoutArmed && now - timeoutAtNanos >= 0) {
      timeoutArmed = false;
      return true;
    }
    return false;
  }

  /**
   * The timeout won if the handler has not returned yet: marks the attempt timed out and interrupts
   * its thread.
   *
   * @return false if the handler returned first (its outcome stands)
   */
  boolean timeOut() {
    synchronized (phaseLock) {
      if (returned) {
        return false;
      }
      timedOut = true;
      interruptThread();
      return true;
    }
  }

  /**
   * The handler returned (or threw): disarms the timeout and stops extending.
   *
   * @return true if the timeout had already won
   */
  boolean handlerReturned() {
    boolean lost;
    synchronized (phaseLock) {
      returned = true;
      lost = timedOut;
    }
    timeoutArmed = false;
    stopExtending();
    return lost;
  }

  /**
   * After a timeout: the watchdog gives up on the job if it is still running at {@code
   * deadlineNanos}.
   */
  void armAbandon(long deadlineNanos) {
    abandonAtNanos = deadlineNanos;
    abandonArmed = true;
  }

  boolean takeDueAbandon(long now) {
    if (abandonArmed && now - abandonAtNanos >= 0) {
      abandonArmed = false;
      return true;
    }
    return false;
  }

  /** The reservation is extended from {@code firstNanos} on, until the job is settled. */
  void startExtending(long firstNanos) {
    nextExtendNanos = firstNanos;
    extending = true;
  }

  void stopExtending() {
    extending = false;
  }

  /**
   * True when an extension is due at {@code now}; the next one is then {@code periodNanos} later.
   */
  boolean takeDueExtension(long now, long periodNanos) {
    if (extending && now - nextExtendNanos >= 0) {
      nextExtendNanos = now + periodNanos;
      return true;
    }
    return false;
  }

  /**
   * The attempt is over for the worker: its thread returned, or the watchdog abandoned it.
   * Idempotent.
   */
  void attemptOver() {
    over = true;
    done.countDown();
  }

  boolean isOver() {
    return over;
  }

  /** Waits up to {@code nanos} for {@link #attemptOver()}; true if it happened. */
  boolean awaitOver(long nanos) throws InterruptedException {
    return done.await(nanos, TimeUnit.NANOSECONDS);
  }
}
