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
package org.thinkqueue.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.Reschedules;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.spi.RetryAfter;
import org.thinkqueue.spi.UniquePush;

/**
 * A connector in memory with the full semantics of the Redis driver: delays, reservations that
 * expire, attempts counted in the payload per {@link WireFormat} exactly as think-queue does on
 * Redis, unique jobs ({@link UniquePush}) included. For users' unit tests and as the reference
 * implementation of the driver contract. Nothing survives the JVM. Thread-safe.
 *
 * <p>A test double applications may use: run code that pushes and handles jobs without a server,
 * with an injected {@link Clock} to make delays and reservation expiry deterministic ({@link
 * Builder#clock(Clock)}). Besides the {@link Connector} methods it offers test helpers: {@link
 * #readyPayloads(String)} and {@link #delayedPayloads(String)} to assert on what was pushed, {@link
 * #clear()} to reset between tests.
 */
public final class MemoryConnector
    implements Connector,
        AwaitsWork,
        ExtendsReservations,
        RestartSignal,
        Reschedules,
        UniquePush,
        AtomicPush {
  /** think-queue's default {@code expire}/{@code retry_after}. */
  public static final Duration DEFAULT_RETRY_AFTER = RetryAfter.DEFAULT;

  private final WireFormat format;
  private final Duration retryAfter;
  private final Clock clock;
  private final PayloadCodec codec = PayloadCodec.shared();
  private final Store store;
  private final ReentrantLock lock;
  private final Condition changed;
  private final Map<String, QueueState> queues;
  private final AtomicReference<String> restart;

  private MemoryConnector(Builder b) {
    this.format = b.format;
    this.retryAfter = b.retryAfter;
    this.clock = b.clock;
    this.store = b.shared != null ? b.shared.store : new Store();
    this.lock = store.lock;
    this.changed = store.changed;
    this.queues = store.queues;
    this.restart = store.restart;
  }

  /** A V3 connector with a 60 s reservation timeout on the system clock. */
  public MemoryConnector() {
    this(builder());
  }

  /**
   * A builder: wire format V3, reservation timeout {@link #DEFAULT_RETRY_AFTER}, the system clock,
   * a store of its own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public WireFormat wireFormat() {
    return format;
  }

  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return true;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    lock.lock();
    try {
      QueueState q = state(queue);
      if (delay.isZero() || delay.isNegative()) {
        q.ready.addLast(payload);
      } else {
        q.delayed.put(new Due(clock.millis() + delay.toMillis(), ++store.sequence), payload);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return idOf(payload);
  }

  /**
   * Checks and takes the key under the store's lock, shared by every connector built {@link
   * Builder#sharing} it; {@code lockFor} is measured on the connector's clock.
   */
  @Override
  public Pushed pushUnique(
      String queue, String payload, Duration delay, String uniqueKey, Duration lockFor) {
    String id = idOf(payload);
    lock.lock();
    try {
      long now = clock.millis();
      String holder = store.uniques.holder(queue, uniqueKey, now);
      if (holder != null) {
        return new Pushed(holder, false);
      }
      store.uniques.take(
          queue, uniqueKey, id, lockFor == null ? Long.MAX_VALUE : now + lockFor.toMillis());
      pushRaw(queue, payload, delay);
      return new Pushed(id, true);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releaseUnique(String queue, String uniqueKey, String jobId) {
    lock.lock();
    try {
      store.uniques.release(queue, uniqueKey, jobId);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    List<String> ids = new ArrayList<>(payloads.size());
    lock.lock();
    try {
      QueueState q = state(queue);
      for (String p : payloads) {
        q.ready.addLast(p);
        ids.add(idOf(p));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return ids;
  }

  /** Stores every payload under the lock, so no pop sees part of them. */
  @Override
  public List<String> pushAll(List<RawPush> pushes) {
    List<String> ids = new ArrayList<>(pushes.size());
    lock.lock();
    try {
      long now = clock.millis();
      for (RawPush p : pushes) {
        QueueState q = state(p.queue());
        if (p.delay().isZero() || p.delay().isNegative()) {
          q.ready.addLast(p.payload());
        } else {
          q.delayed.put(new Due(now + p.delay().toMillis(), ++store.sequence), p.payload());
        }
        ids.add(idOf(p.payload()));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return ids;
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    lock.lock();
    try {
      QueueState q = state(queue);
      long now = clock.millis();
      migrate(q, now);
      if (q.ready.isEmpty()) {
        return List.of();
      }
      int n = Math.min(max, q.ready.size());
      List<ReservedJob> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String original = q.ready.pollFirst();
        OptionalInt found = codec.attemptsOf(original);
        int attempts = format.attemptOnReserve(found.orElse(format.initialAttempts()));
        String reserved =
            format.bumpsOnReserve() && found.isPresent()
                ? codec.withAttempts(original, attempts)
                : original;
        MemoryReservedJob job =
            new MemoryReservedJob(queue, original, reserved, attempts, ++store.sequence);
        long expiry = retryAfter == null ? Long.MAX_VALUE : now + retryAfter.toMillis();
        q.reserved.put(job.token, new Reservation(job, expiry));
        if (retryAfter != null) {
          q.expiries.add(new Due(expiry, job.token));
        }
        out.add(job);
      }
      if (q.ready.isEmpty()) {
        q.ready = new ArrayDeque<>();
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delete(ReservedJob job) {
    MemoryReservedJob j = (MemoryReservedJob) job;
    String uniqueKey = UniquePush.keyOf(j.rawBody());
    lock.lock();
    try {
      QueueState q = state(j.queue());
      if (q.reserved.remove(j.token) != null) {
        pruneExpiries(q);
        if (uniqueKey != null && j.id() != null) {
          store.uniques.release(j.queue(), uniqueKey, j.id());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    MemoryReservedJob j = (MemoryReservedJob) job;
    requeue(
        j,
        delay,
        () ->
            format.bumpsOnRelease()
                ? codec.withAttempts(j.reserved, j.attempts() + 1)
                : j.reserved);
  }

  @Override
  public void reschedule(
      ReservedJob job, Duration delay, String newPayload, boolean refundAttempt) {
    MemoryReservedJob j = (MemoryReservedJob) job;
    requeue(
        j,
        delay,
        () ->
            RescheduledPayload.of(
                format, codec, j.reserved, j.attempts(), newPayload, refundAttempt));
  }

  private void requeue(MemoryReservedJob j, Duration delay, Supplier<String> copy) {
    lock.lock();
    try {
      QueueState q = state(j.queue());
      if (q.reserved.remove(j.token) == null) {
        return;
      }
      pruneExpiries(q);
      String member = copy.get();
      if (delay.isZero() || delay.isNegative()) {
        q.ready.addLast(member);
      } else {
        q.delayed.put(new Due(clock.millis() + delay.toMillis(), ++store.sequence), member);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean extend(ReservedJob job) {
    if (retryAfter == null) {
      return true;
    }
    MemoryReservedJob j = (MemoryReservedJob) job;
    lock.lock();
    try {
      QueueState q = state(j.queue());
      Reservation r = q.reserved.get(j.token);
      if (r == null) {
        return false;
      }
      long expiry = clock.millis() + retryAfter.toMillis();
      q.reserved.put(j.token, new Reservation(r.job, expiry));
      q.expiries.add(new Due(expiry, j.token));
      pruneExpiries(q);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public QueueSize size(String queue) {
    lock.lock();
    try {
      QueueState q = state(queue);
      return new QueueSize(q.ready.size(), q.delayed.size(), q.reserved.size());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void awaitWork(List<String> queueNames, Duration timeout) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long now = clock.millis();
      long wait = timeout.toMillis();
      for (String name : queueNames) {
        QueueState q = state(name);
        migrate(q, now);
        if (!q.ready.isEmpty()) {
          return;
        }
        if (!q.delayed.isEmpty()) {
          wait = Math.min(wait, q.delayed.firstKey().at - now);
        }
        if (!q.expiries.isEmpty()) {
          wait = Math.min(wait, q.expiries.peek().at - now);
        }
      }
      if (wait > 0) {
        changed.await(wait, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<String> lastRestart() {
    return Optional.ofNullable(restart.get());
  }

  @Override
  public void signalRestart() {
    restart.set(Long.toString(clock.millis() / 1000));
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A {@link MemoryFailedJobStore} on this connector's clock: jobs and their failures live and die
   * together.
   */
  @Override
  public Optional<FailedJobStore> defaultFailedJobStore() {
    return Optional.of(new MemoryFailedJobStore(clock));
  }

  /**
   * Drops every job of every queue (ready, delayed and reserved) and every unique key, and with
   * {@link Builder#sharing} those of the connectors sharing the store. For tests.
   */
  public void clear() {
    lock.lock();
    try {
      queues.clear();
      store.uniques.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The payloads ready in {@code queue}, head first, as stored. For tests.
   *
   * @param queue the queue
   * @return a copy of the ready payloads
   */
  public List<String> readyPayloads(String queue) {
    lock.lock();
    try {
      return List.copyOf(state(queue).ready);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The payloads delayed in {@code queue} (pushed with a delay, or released with one), earliest due
   * first. For tests.
   *
   * @param queue the queue
   * @return a copy of the delayed payloads
   */
  public List<String> delayedPayloads(String queue) {
    lock.lock();
    try {
      return List.copyOf(state(queue).delayed.values());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {}

  private void migrate(QueueState q, long now) {
    while (!q.delayed.isEmpty() && q.delayed.firstKey().at <= now) {
      q.ready.addLast(q.delayed.pollFirstEntry().getValue());
    }
    while (!q.expiries.isEmpty() && q.expiries.peek().at <= now) {
      Due due = q.expiries.poll();
      Reservation r = q.reserved.get(due.seq);
      if (r != null && r.expiry == due.at) {
        q.reserved.remove(due.seq);
        String member = r.job.reserved;
        q.ready.addLast(
            format.bumpsOnRelease() ? codec.withAttempts(member, r.job.attempts() + 1) : member);
      }
    }
  }

  /**
   * Drops expiry entries of reservations that ended (deleted, released, extended), so memory
   * follows the jobs reserved now and not every job ever reserved: stale entries at the head go at
   * once; when a long reservation at the head holds stale ones behind it, the heap is rebuilt from
   * the live reservations.
   */
  private static void pruneExpiries(QueueState q) {
    while (!q.expiries.isEmpty()) {
      Due head = q.expiries.peek();
      Reservation r = q.reserved.get(head.seq);
      if (r != null && r.expiry == head.at) {
        break;
      }
      q.expiries.poll();
    }
    if (q.expiries.size() > 2 * q.reserved.size() + 64) {
      q.expiries.clear();
      for (Reservation r : q.reserved.values()) {
        if (r.expiry != Long.MAX_VALUE) {
          q.expiries.add(new Due(r.expiry, r.job.token));
        }
      }
    }
  }

  /** Expiry entries kept for a queue (tests: memory must follow the live reservations). */
  int expiryEntries(String queue) {
    lock.lock();
    try {
      return state(queue).expiries.size();
    } finally {
      lock.unlock();
    }
  }

  private QueueState state(String queue) {
    return queues.computeIfAbsent(queue, k -> new QueueState());
  }

  private String idOf(String payload) {
    try {
      String id = codec.decode(payload).id();
      return id == null ? "" : id;
    } catch (PayloadException e) {
      return "";
    }
  }

  private record Due(long at, long seq) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** The jobs; shared by connectors built with {@link Builder#sharing(MemoryConnector)}. */
  private static final class Store {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Map<String, QueueState> queues = new HashMap<>();
    final AtomicReference<String> restart = new AtomicReference<>();
    final UniqueKeys uniques = new UniqueKeys();
    long sequence;
  }

  private record Reservation(MemoryReservedJob job, long expiry) {}

  private static final class QueueState {
    /** Replaced when it empties: an ArrayDeque keeps the capacity of its largest backlog. */
    ArrayDeque<String> ready = new ArrayDeque<>();

    final TreeMap<Due, String> delayed = new TreeMap<>();
    final Map<Long, Reservation> reserved = new HashMap<>();
    final PriorityQueue<Due> expiries = new PriorityQueue<>();
  }

  private static final class MemoryReservedJob extends ReservedJob {
    final String reserved;
    final long token;
    private volatile String id;

    MemoryReservedJob(String queue, String original, String reserved, int attempts, long token) {
      super(queue, original, attempts);
      this.reserved = reserved;
      this.token = token;
    }

    @Override
    public String id() {
      String i = id;
      if (i == null) {
        try {
          i = PayloadCodec.shared().decode(rawBody()).id();
        } catch (PayloadException e) {
          i = null;
        }
        id = i;
      }
      return i;
    }
  }

  /** Settings of a {@link MemoryConnector}. Not thread-safe: build on one thread. */
  public static final class Builder {
    private WireFormat format = WireFormat.V3;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Clock clock = Clock.systemUTC();
    private MemoryConnector shared;

    private Builder() {}

    /**
     * Shares the jobs of {@code other}: connectors built this way see one store, as workers on
     * several machines see one Redis. Each keeps its own settings; use the same wire format on all
     * of them.
     *
     * @param other the connector whose store to share
     * @return this builder
     * @throws ConfigurationException if {@code other} is {@code null}
     */
    public Builder sharing(MemoryConnector other) {
      if (other == null) {
        throw new ConfigurationException("sharing", null, "must not be null");
      }
      this.shared = other;
      return this;
    }

    /**
     * The data layout; default {@link WireFormat#V3}.
     *
     * @param format the wire format
     * @return this builder
     * @throws ConfigurationException if {@code format} is {@code null}
     */
    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "V1 or V3");
      }
      this.format = format;
      return this;
    }

    /**
     * The reservation timeout; {@code null} = reservations never expire. Whole seconds, at least
     * {@link Connector#MIN_RETRY_AFTER}, as on every connector ({@link RetryAfter}), so code tested
     * on memory runs on Redis and JDBC.
     *
     * @param retryAfter the reservation timeout, or {@code null} for never
     * @return this builder
     * @throws ConfigurationException if it is below the minimum or not whole seconds
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = RetryAfter.check(retryAfter);
      return this;
    }

    /**
     * The clock for due times and reservation expiry; default {@link Clock#systemUTC()}. Tests pass
     * a clock they move forward, so delays and expiry need no sleeping.
     *
     * @param clock the clock
     * @return this builder
     * @throws ConfigurationException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new ConfigurationException("clock", null, "must not be null");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     */
    public MemoryConnector build() {
      return new MemoryConnector(this);
    }
  }
}
