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
package org.thinkqueue.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobExecutionException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueSize;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerListeners;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.UniquePush;
import org.thinkqueue.worker.internal.AttemptProtocol;
import org.thinkqueue.worker.internal.MiddlewareChain;

/**
 * think-queue's {@code sync} driver: a pushed job runs at once, in the caller's thread, and nothing
 * is stored. For development, tests, and code paths that want a job's effect before the push
 * returns.
 *
 * <pre>{@code
 * QueueManager queues = QueueManager.builder()
 *     .connection("sync", SyncConnector.builder().registry(registry).build())
 *     .registry(registry)
 *     .build();
 * queues.push("SendWelcomeEmail", email);   // the handler has run when this returns
 * }</pre>
 *
 * <p>What a push does ({@link #pushRaw}): decode the payload, resolve its job name in the registry,
 * convert the data to the handler's type, fire {@link JobProcessing}, run the handler, fire {@link
 * JobProcessed}. When the handler throws, its {@code failed(data, cause)} callback runs
 * (think-queue 1.x does this; 3.x only fires the event), {@link JobFailed} fires, and the exception
 * reaches the caller: unchecked exceptions and errors as they are, checked ones wrapped in {@link
 * JobExecutionException}. There are no retries and no failed-job record.
 *
 * <p>Differences from a queueing driver, all as in think-queue: a delay is ignored (the job runs
 * now); {@link org.thinkqueue.Job#attempts()} is always 1; {@code release()} and {@code snooze()}
 * only set a flag, the job does not run again; {@code delete()} is not needed. Of a handler's
 * {@link org.thinkqueue.JobPolicy} only the middleware applies (it runs around the handler, so a
 * tenant context or an MDC is set as on a worker); tries, timeout, back-off, {@code retryFor},
 * {@code maxExceptions} and {@code failFastOn} are about retries, which the sync driver has none
 * of. A handler that calls {@code job.fail(cause)} and returns gets its {@code failed} callback and
 * {@link JobFailed} instead of {@link JobProcessed}, and the push returns normally. Unlike
 * think-queue's {@code job\Sync} (which answers {@code 'sync'}), {@code getQueue()} is the queue
 * pushed to, and the job id is the payload's id.
 *
 * <p>Payloads carry {@code id} and {@code attempts} ({@link #payloadCarriesIdAndAttempts()} is
 * true), so each push returns a fresh id, as on Redis; the payload is exactly what a Redis
 * connector of the same {@link WireFormat} would store.
 *
 * <p>Unique jobs ({@link org.thinkqueue.JobOptions#withUniqueKey}): the key is held while the job
 * runs, that is during its push, since nothing is stored. A push of the same key to the same queue
 * while it runs (from its own handler, or from another thread) runs nothing and returns the running
 * job's id; once the push returned, the key is free. A job held until processing starts frees its
 * key before its handler runs, so a push from inside the handler runs a nested job. {@code
 * uniqueFor} still bounds the hold.
 *
 * <p>Publishing an event ({@link org.thinkqueue.QueueConnection#publish}) runs each subscriber's
 * job inline, in the order they subscribed ({@link #pushAll}): every payload is decoded and its job
 * name resolved before the first runs, so an unknown subscriber runs none; then the first that
 * throws stops the rest, as in a bulk push. There is no store to keep all or none of: the jobs that
 * ran before the failure have had their effect.
 *
 * <p>Immutable and thread-safe: concurrent pushes run concurrently, each in its own caller's
 * thread. Listeners are called in the caller's thread too; what they throw is logged and ignored.
 */
public final class SyncConnector implements Connector, UniquePush, AtomicPush {
  private static final Logger LOG = LoggerFactory.getLogger(SyncConnector.class);

  /** The connection name reported in events and by {@link org.thinkqueue.Job#getConnection()}. */
  public static final String DEFAULT_CONNECTION_NAME = "sync";

  /** The wire format payloads are written in. */
  public static final WireFormat DEFAULT_WIRE_FORMAT = WireFormat.V3;

  private final JobRegistry registry;
  private final String connectionName;
  private final WireFormat wireFormat;
  private final AttemptProtocol protocol;

  /** Unique keys of running jobs: queue and key to the job's hold. */
  private final ConcurrentMap<String, Hold> running = new ConcurrentHashMap<>();

  private record Hold(String jobId, long deadlineNanos) {
    boolean expired(long now) {
      return deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0;
    }
  }

  private SyncConnector(Builder b) {
    this.registry = b.registry;
    this.connectionName = b.connectionName;
    this.wireFormat = b.wireFormat;
    this.protocol = new AttemptProtocol(connectionName, new WorkerListeners(b.listeners));
  }

  /**
   * A builder; {@link Builder#registry(JobRegistry)} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public WireFormat wireFormat() {
    return wireFormat;
  }

  /** True: payloads get an {@code id}, which becomes the job id. */
  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return true;
  }

  /**
   * The connection name given to the builder.
   *
   * @return the name events and jobs report
   */
  public String connectionName() {
    return connectionName;
  }

  /**
   * Runs the job now, in this thread. {@code delay} is ignored (logged at DEBUG), as think-queue's
   * {@code later()} on sync.
   *
   * @return the payload's {@code id}, or {@code ""} when it has none
   * @throws org.thinkqueue.PayloadException if the payload is not think-queue JSON or its data does
   *     not fit the handler's type; nothing has run
   * @throws org.thinkqueue.UnknownJobException if no handler is registered for the job name;
   *     nothing has run
   * @throws JobExecutionException wrapping a checked exception the handler threw
   * @throws RuntimeException or {@link Error} as the handler threw it
   */
  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    Payload decoded = registry.readPayload(payload);
    RegisteredJob handler = registry.resolve(decoded.job());
    Object data = handler.convert(decoded);
    SyncJob job = new SyncJob(decoded, queue, connectionName);
    if (!delay.isZero() && !delay.isNegative()) {
      LOG.debug(
          "Delay of {} ignored for job {} ({}) on queue {}: the sync driver runs it now",
          delay,
          job.getId(),
          job.getName(),
          queue);
    }
    run(job, handler, data);
    return job.getId();
  }

  /**
   * Runs the job now, as {@link #pushRaw}, unless a job pushed with {@code uniqueKey} to {@code
   * queue} is running; the key is held while it runs (until it starts if the payload's {@value
   * UniquePush#UNTIL_FIELD} is {@value UniquePush#UNTIL_PROCESSING}), and at most {@code lockFor}.
   *
   * @return the id of the job run, or of the running job holding the key
   * @throws org.thinkqueue.PayloadException as {@link #pushRaw}
   * @throws org.thinkqueue.UnknownJobException as {@link #pushRaw}
   * @throws JobExecutionException as {@link #pushRaw}
   */
  @Override
  public Pushed pushUnique(
      String queue, String payload, Duration delay, String uniqueKey, Duration lockFor) {
    Payload decoded = registry.readPayload(payload);
    String id = decoded.id() == null ? "" : decoded.id();
    String slot = queue + '\n' + uniqueKey;
    long now = System.nanoTime();
    Hold hold =
        new Hold(id, lockFor == null ? Long.MAX_VALUE : now + Math.max(1, lockFor.toNanos()));
    Hold holder =
        running.compute(
            slot, (k, current) -> current == null || current.expired(now) ? hold : current);
    if (holder != hold) {
      return new Pushed(holder.jobId(), false);
    }
    try {
      if (UniquePush.keyReleasedAtStart(decoded) != null) {
        running.remove(slot, hold);
      }
      return new Pushed(pushRaw(queue, payload, delay), true);
    } finally {
      running.remove(slot, hold);
    }
  }

  /** Frees the key if the running job {@code jobId} holds it. */
  @Override
  public void releaseUnique(String queue, String uniqueKey, String jobId) {
    running.computeIfPresent(
        queue + '\n' + uniqueKey, (k, current) -> current.jobId().equals(jobId) ? null : current);
  }

  /** Runs each payload in order, as {@link #pushRaw}; the first that throws stops the rest. */
  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    List<String> ids = new ArrayList<>(payloads.size());
    for (String payload : payloads) {
      ids.add(pushRaw(queue, payload, Duration.ZERO));
    }
    return ids;
  }

  /**
   * Runs each payload inline, in order, once all of them decode and resolve to a handler: an
   * unknown job name or an unreadable payload runs none of them. The first that throws stops the
   * rest and reaches the caller; delays are ignored, as for {@link #pushRaw}.
   */
  @Override
  public List<String> pushAll(List<RawPush> pushes) {
    List<SyncJob> jobs = new ArrayList<>(pushes.size());
    List<RegisteredJob> handlers = new ArrayList<>(pushes.size());
    List<Object> data = new ArrayList<>(pushes.size());
    for (RawPush p : pushes) {
      Payload decoded = registry.readPayload(p.payload());
      RegisteredJob handler = registry.resolve(decoded.job());
      data.add(handler.convert(decoded));
      handlers.add(handler);
      jobs.add(new SyncJob(decoded, p.queue(), connectionName));
    }
    List<String> ids = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      run(jobs.get(i), handlers.get(i), data.get(i));
      ids.add(jobs.get(i).getId());
    }
    return ids;
  }

  private void run(SyncJob job, RegisteredJob handler, Object data) {
    LOG.debug("Running job {} ({}) on queue {} inline", job.getId(), job.getName(), job.getQueue());
    protocol.processing(job);
    long start = System.nanoTime();
    // The handler's own middleware runs here too (a tenant context, an MDC); its tries, back-off
    // and retry rules do not: a sync job runs once.
    Throwable e = MiddlewareChain.run(List.of(), handler.policy().middleware(), handler, job, data);
    if (e != null) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      job.markFailed(e);
      LOG.debug(
          "Job {} ({}) on queue {} threw; rethrowing to the caller",
          job.getId(),
          job.getName(),
          job.getQueue(),
          e);
      protocol.failed(job, handler, data, e);
      throw rethrowable(job.getName(), e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (job.hasFailed()) {
      Throwable cause =
          job.failCause() != null
              ? job.failCause()
              : new IllegalStateException("Job failed by its handler (job.fail(null))");
      LOG.debug(
          "Job {} ({}) on queue {} failed by its handler",
          job.getId(),
          job.getName(),
          job.getQueue());
      protocol.failed(job, handler, data, cause);
      return;
    }
    if (handler.deletesOnReturn()) {
      job.delete();
    }
    protocol.processed(job, elapsed);
  }

  private static RuntimeException rethrowable(String jobName, Throwable e) {
    if (e instanceof RuntimeException re) {
      return re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new JobExecutionException(jobName, e);
  }

  /** Nothing is ever queued: always empty. */
  @Override
  public List<ReservedJob> pop(String queue, int max) {
    return List.of();
  }

  /**
   * @throws UnsupportedOperationException always: the sync driver never hands out reservations
   */
  @Override
  public void delete(ReservedJob job) {
    throw new UnsupportedOperationException(
        "The sync driver never reserves jobs; nothing to delete");
  }

  /**
   * @throws UnsupportedOperationException always: the sync driver never hands out reservations
   */
  @Override
  public void release(ReservedJob job, Duration delay) {
    throw new UnsupportedOperationException(
        "The sync driver never reserves jobs; nothing to release");
  }

  /** Always zero: nothing is stored. */
  @Override
  public QueueSize size(String queue) {
    return new QueueSize(0, 0, 0);
  }

  /** {@code null}: there are no reservations to expire. */
  @Override
  public Duration retryAfter() {
    return null;
  }

  /** Nothing to release. Idempotent. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "SyncConnector{connection=" + connectionName + ", wireFormat=" + wireFormat + "}";
  }

  /** Settings of a {@link SyncConnector}; validated as they are set. Not thread-safe. */
  public static final class Builder {
    private JobRegistry registry;
    private String connectionName = DEFAULT_CONNECTION_NAME;
    private WireFormat wireFormat = DEFAULT_WIRE_FORMAT;
    private final List<WorkerListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The registry that resolves job names and converts data. Required.
     *
     * @param registry the registry
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder registry(JobRegistry registry) {
      if (registry == null) {
        throw new ConfigurationException("registry", null, "must not be null");
      }
      this.registry = registry;
      return this;
    }

    /**
     * The name reported in events and by {@code job.getConnection()}; default {@value
     * #DEFAULT_CONNECTION_NAME}. Use the name the connector has in the {@link
     * org.thinkqueue.QueueManager}.
     *
     * @param name not blank
     * @return this builder
     * @throws ConfigurationException if null or blank
     */
    public Builder connectionName(String name) {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException("connectionName", name, "must not be blank");
      }
      this.connectionName = name;
      return this;
    }

    /**
     * The payload layout; default {@link WireFormat#V3}.
     *
     * @param format V1 or V3
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "must be V1 or V3");
      }
      this.wireFormat = format;
      return this;
    }

    /**
     * Adds a listener, called in the pushing thread for each job's events, in the order added.
     *
     * @param listener the listener
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder listener(WorkerListener listener) {
      if (listener == null) {
        throw new ConfigurationException("listener", null, "must not be null");
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Adds several listeners, in order.
     *
     * @param more the listeners
     * @return this builder
     * @throws ConfigurationException if the collection or one of them is null
     */
    public Builder listeners(Collection<? extends WorkerListener> more) {
      if (more == null) {
        throw new ConfigurationException("listeners", null, "must not be null");
      }
      more.forEach(this::listener);
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return a new connector
     * @throws ConfigurationException naming {@code registry} if none was set
     */
    public SyncConnector build() {
      if (registry == null) {
        throw new ConfigurationException(
            "registry", null, "a SyncConnector needs the JobRegistry that runs its jobs");
      }
      return new SyncConnector(this);
    }
  }

  /**
   * A store in memory: a sync job's failure reaches the pusher as an exception and is never
   * recorded, so the store only backs the manager's {@code failed()} view and needs no persistence.
   */
  @Override
  public Optional<FailedJobStore> defaultFailedJobStore() {
    return Optional.of(new MemoryFailedJobStore());
  }
}
