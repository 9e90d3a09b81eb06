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
package org.thinkqueue.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.Job;
import org.thinkqueue.OutgoingJob;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.JobSnoozed;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.micrometer.internal.JobNameTag;
import org.thinkqueue.micrometer.internal.QueueSizeCache;

/**
 * Micrometer meters of one {@link QueueManager}: job run time by outcome, pushes, push-to-start
 * latency, and gauges of queue sizes and failed jobs. A {@link MeterBinder}: bind it to a registry
 * (Spring Boot binds every {@code MeterBinder} bean), register {@link #workerListener()} on each
 * worker and {@link #pushListener()} on the manager's builder.
 *
 * <pre>{@code
 * ThinkQueueMetrics metrics = ThinkQueueMetrics.builder().build();
 * QueueManager queues = QueueManager.builder()
 *     .connection("redis", redis).registry(registry)
 *     .pushListener(metrics.pushListener())
 *     .build();
 * metrics.bindTo(meterRegistry, queues);
 * Worker worker = Worker.builder().manager(queues).listener(metrics.workerListener()).build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #JOB_DURATION}</td><td>timer</td>
 *       <td>connection, queue, job, outcome = processed | released | snoozed | failed |
 *       exception</td></tr>
 *   <tr><td>{@value #JOB_PUSHED}</td><td>counter</td>
 *       <td>connection, queue, job, outcome = success | failure</td></tr>
 *   <tr><td>{@value #JOB_LATENCY}</td><td>timer</td><td>connection, queue, job</td></tr>
 *   <tr><td>{@value #QUEUE_JOBS}</td><td>gauge</td>
 *       <td>connection, queue, state = ready | delayed | reserved</td></tr>
 *   <tr><td>{@value #FAILED_JOBS}</td><td>gauge</td><td>none</td></tr>
 * </table>
 *
 * <p>The {@code job} tag is the job name when the manager's registry resolves it or it was listed
 * with {@link Builder#knownJobNames}, else {@value JobNameTag#OTHER}: payloads from other producers
 * may carry any name. Thread-safe.
 */
public final class ThinkQueueMetrics implements MeterBinder {
  /**
   * Time from the start of an attempt (the {@code JobProcessing} event) to its outcome, by outcome:
   * {@code processed} (the handler returned), {@code released} (the handler released the job
   * itself, or the worker released it at stop), {@code snoozed} (the handler or a middleware
   * snoozed it: {@code job.snooze}, timed to the snooze), {@code failed} (failed for good: last
   * try, unknown job, unreadable payload, {@code job.fail}), {@code exception} (threw or timed out
   * and will be retried).
   */
  public static final String JOB_DURATION = "thinkqueue.job.duration";

  /** Jobs pushed, by outcome {@code success} or {@code failure} (refused payload, store error). */
  public static final String JOB_PUSHED = "thinkqueue.job.pushed";

  /**
   * From when a job was due (push time plus delay, written by {@link #pushListener()} in the
   * payload field {@value #DUE_AT_FIELD}) to the start of its first attempt, read on the worker's
   * wall clock; jobs without the field (plain pushes, other producers) and retries are not timed.
   */
  public static final String JOB_LATENCY = "thinkqueue.job.latency";

  /** Jobs of a worked queue by state, read at most once per refresh interval. */
  public static final String QUEUE_JOBS = "thinkqueue.queue.jobs";

  /** Records in the manager's failed-job store, read at most once per refresh interval. */
  public static final String FAILED_JOBS = "thinkqueue.failed.jobs";

  /**
   * The payload field {@link #pushListener()} writes: when the job is due, in Unix milliseconds as
   * a decimal string. PHP workers ignore it.
   */
  public static final String DUE_AT_FIELD = "dueAt";

  /** How often the gauges read the stores at most, by default. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(15);

  private final Clock clock;
  private final Duration refreshInterval;
  private final Set<String> knownJobNames;
  private final List<Binding> bindings = new CopyOnWriteArrayList<>();
  private final Map<Job, Long> attemptStarts = Collections.synchronizedMap(new WeakHashMap<>());
  private final WorkerListener workerListener = new Listener();
  private final PushListener pushListener = new Pushes();
  private volatile QueueManager manager;
  private volatile JobNameTag jobNames = new JobNameTag(null, Set.of());
  private volatile QueueSizeCache sizes;

  /** What one registry was bound with. */
  private record Binding(MeterRegistry registry, Set<QueueSizeCache.Key> gauged) {}

  private final boolean latency;

  private ThinkQueueMetrics(Builder b) {
    this.latency = b.latency;
    this.clock = b.clock;
    this.refreshInterval = b.refreshInterval;
    this.knownJobNames = Set.copyOf(b.knownJobNames);
    if (b.manager != null) {
      manager(b.manager);
    }
  }

  /**
   * A builder with the defaults: system clock, {@link #DEFAULT_REFRESH_INTERVAL}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Metrics of {@code manager} with the defaults.
   *
   * @param manager the manager whose jobs and queues are measured
   * @return the metrics
   */
  public static ThinkQueueMetrics of(QueueManager manager) {
    return builder().manager(manager).build();
  }

  /**
   * The listener to add to every worker ({@code Worker.Builder.listener}): job durations, latency,
   * and the worker's queues for the gauges.
   *
   * @return the listener (one instance)
   */
  public WorkerListener workerListener() {
    return workerListener;
  }

  /**
   * The listener to add to the manager's builder ({@code QueueManager.Builder.pushListener}): push
   * counters, and the {@value #DUE_AT_FIELD} field the latency timer reads. Usable before the
   * manager exists, hence before {@link #manager(QueueManager)}.
   *
   * @return the listener (one instance)
   */
  public PushListener pushListener() {
    return pushListener;
  }

  /**
   * Sets the manager, when it could not be given to the builder (its push listener comes from this
   * object). Once only.
   *
   * @param manager the manager
   * @return this
   * @throws IllegalStateException if a different manager was set already
   */
  public synchronized ThinkQueueMetrics manager(QueueManager manager) {
    Objects.requireNonNull(manager, "manager");
    if (this.manager != null) {
      if (this.manager != manager) {
        throw new IllegalStateException("ThinkQueueMetrics is bound to another QueueManager");
      }
      return this;
    }
    this.jobNames = new JobNameTag(manager.registry(), knownJobNames);
    this.sizes = new QueueSizeCache(manager, clock, refreshInterval);
    this.manager = manager;
    for (Binding b : bindings) {
      bindGauges(b);
    }
    return this;
  }

  /**
   * Gauges the sizes of {@code queues} of {@code connection} although no worker of this process
   * works them (a worker's queues are gauged once it started).
   *
   * @param connection a connection name of the manager
   * @param queues queue names
   * @return this
   * @throws IllegalStateException if no manager is set yet
   */
  public ThinkQueueMetrics watch(String connection, String... queues) {
    QueueSizeCache cache = sizes;
    if (cache == null) {
      throw new IllegalStateException("Set the QueueManager first");
    }
    manager.connection(connection);
    for (String q : queues) {
      cache.watch(connection, q);
    }
    gaugeNewQueues();
    return this;
  }

  /**
   * Registers the gauges on {@code registry}; the timers and counters are recorded on every bound
   * registry from then on. Binding the same registry twice does nothing.
   *
   * @param registry the registry
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    for (Binding b : bindings) {
      if (b.registry == registry) {
        return;
      }
    }
    Binding b = new Binding(registry, Collections.synchronizedSet(new LinkedHashSet<>()));
    bindings.add(b);
    if (manager != null) {
      bindGauges(b);
    }
  }

  /**
   * {@link #manager(QueueManager)} then {@link #bindTo(MeterRegistry)}.
   *
   * @param registry the registry
   * @param manager the manager
   */
  public void bindTo(MeterRegistry registry, QueueManager manager) {
    manager(manager);
    bindTo(registry);
  }

  private void bindGauges(Binding b) {
    QueueSizeCache cache = sizes;
    Gauge.builder(FAILED_JOBS, cache, QueueSizeCache::failed)
        .description("Jobs in the failed-job store")
        .baseUnit("jobs")
        .register(b.registry);
    gaugeQueues(b, cache);
  }

  private synchronized void gaugeNewQueues() {
    QueueSizeCache cache = sizes;
    for (Binding b : bindings) {
      gaugeQueues(b, cache);
    }
  }

  private static void gaugeQueues(Binding b, QueueSizeCache cache) {
    for (QueueSizeCache.Key key : cache.watched()) {
      if (!b.gauged.add(key)) {
        continue;
      }
      gauge(b.registry, cache, key, "ready", c -> c.ready(key));
      gauge(b.registry, cache, key, "delayed", c -> c.delayed(key));
      gauge(b.registry, cache, key, "reserved", c -> c.reserved(key));
    }
  }

  private static void gauge(
      MeterRegistry registry,
      QueueSizeCache cache,
      QueueSizeCache.Key key,
      String state,
      ToDoubleFunction<QueueSizeCache> value) {
    Gauge.builder(QUEUE_JOBS, cache, value)
        .description("Jobs of a queue by state")
        .baseUnit("jobs")
        .tags("connection", key.connection(), "queue", key.queue(), "state", state)
        .register(registry);
  }

  private void recordDuration(Job job, String connection, String outcome) {
    Long start = attemptStarts.remove(job);
    if (start == null || bindings.isEmpty()) {
      return;
    }
    long nanos = clock.monotonicTime() - start;
    Tags tags =
        Tags.of(
            "connection",
            connection,
            "queue",
            job.getQueue(),
            "job",
            jobNames.of(job.getName()),
            "outcome",
            outcome);
    for (Binding b : bindings) {
      Timer.builder(JOB_DURATION)
          .description("Run time of a job attempt, by outcome")
          .tags(tags)
          .register(b.registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void recordLatency(String connection, Job job) {
    if (job.attempts() != 1 || bindings.isEmpty()) {
      return;
    }
    Optional<String> dueAt;
    try {
      dueAt = job.payload().stringField(DUE_AT_FIELD);
    } catch (RuntimeException e) {
      return; // an unreadable payload: no latency
    }
    if (dueAt.isEmpty()) {
      return;
    }
    long due;
    try {
      due = Long.parseLong(dueAt.get());
    } catch (NumberFormatException e) {
      return;
    }
    long millis = Math.max(0, clock.wallTime() - due);
    Tags tags =
        Tags.of(
            "connection", connection,
            "queue", job.getQueue(),
            "job", jobNames.of(job.getName()));
    for (Binding b : bindings) {
      Timer.builder(JOB_LATENCY)
          .description("Time from when a job was due to the start of its first attempt")
          .tags(tags)
          .register(b.registry)
          .record(millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Attempts are timed from JobProcessing to their first outcome event, on whatever thread. */
  private final class Listener implements WorkerListener {
    @Override
    public void onWorkerStarted(WorkerStarted event) {
      QueueSizeCache cache = sizes;
      if (cache == null) {
        return;
      }
      boolean added = false;
      for (String q : event.queues()) {
        added |= cache.watch(event.connection(), q);
      }
      if (added) {
        gaugeNewQueues();
      }
    }

    @Override
    public void onJobProcessing(JobProcessing event) {
      attemptStarts.put(event.job(), clock.monotonicTime());
      recordLatency(event.connection(), event.job());
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      Job job = event.job();
      // A handler that failed the job was timed by JobFailed already; one that released it did
      // not run to completion.
      recordDuration(job, event.connection(), job.isReleased() ? "released" : "processed");
    }

    @Override
    public void onJobReleased(JobReleased event) {
      recordDuration(event.job(), event.connection(), "released");
    }

    @Override
    public void onJobSnoozed(JobSnoozed event) {
      recordDuration(event.job(), event.connection(), "snoozed");
    }

    @Override
    public void onJobFailed(JobFailed event) {
      recordDuration(event.job(), event.connection(), "failed");
    }

    @Override
    public void onJobExceptionOccurred(JobExceptionOccurred event) {
      recordDuration(event.job(), event.connection(), "exception");
    }
  }

  private final class Pushes implements PushListener {
    @Override
    public void onPushing(OutgoingJob job) {
      if (!latency) {
        return;
      }
      long due = clock.wallTime() + job.delay().toMillis();
      job.putField(DUE_AT_FIELD, Long.toString(due));
    }

    @Override
    public void onPushed(OutgoingJob job, String id) {
      count(job, "success");
    }

    @Override
    public void onPushFailed(OutgoingJob job, RuntimeException error) {
      count(job, "failure");
    }

    private void count(OutgoingJob job, String outcome) {
      if (bindings.isEmpty()) {
        return;
      }
      Tags tags =
          Tags.of(
              "connection", job.connection(),
              "queue", job.queue(),
              "job", jobNames.of(job.job()),
              "outcome", outcome);
      for (Binding b : bindings) {
        Counter.builder(JOB_PUSHED)
            .description("Jobs pushed, by outcome")
            .baseUnit("jobs")
            .tags(tags)
            .register(b.registry)
            .increment();
      }
    }
  }

  /** Settings of {@link ThinkQueueMetrics}. Not thread-safe. */
  public static final class Builder {
    private QueueManager manager;
    private Clock clock = Clock.SYSTEM;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private final Set<String> knownJobNames = new LinkedHashSet<>();
    private boolean latency;

    private Builder() {}

    /**
     * Whether pushes write the {@value #DUE_AT_FIELD} field the {@value #JOB_LATENCY} timer reads
     * (default false: payloads stay as think-queue writes them). PHP's worker ignores the field.
     *
     * @param latency true to measure push-to-start latency
     * @return this builder
     */
    public Builder latency(boolean latency) {
      this.latency = latency;
      return this;
    }

    /**
     * The manager measured; may also be set later with {@link ThinkQueueMetrics#manager}, since the
     * manager's builder takes this object's push listener.
     *
     * @param manager the manager
     * @return this builder
     */
    public Builder manager(QueueManager manager) {
      this.manager = manager;
      return this;
    }

    /**
     * The clock durations, latency and the refresh interval are measured on (default {@link
     * Clock#SYSTEM}); tests pass a {@code MockClock}.
     *
     * @param clock the clock
     * @return this builder
     * @throws ConfigurationException if null
     */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new ConfigurationException("clock", null, "must not be null");
      }
      this.clock = clock;
      return this;
    }

    /**
     * The least time between two reads of the stores by the gauges (default {@link
     * #DEFAULT_REFRESH_INTERVAL}).
     *
     * @param interval at least 1 s
     * @return this builder
     * @throws ConfigurationException if null or shorter than 1 s
     */
    public Builder refreshInterval(Duration interval) {
      if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ConfigurationException("refreshInterval", interval, "must be at least 1 s");
      }
      this.refreshInterval = interval;
      return this;
    }

    /**
     * Job names tagged as themselves although the manager's registry does not resolve them (jobs
     * this application pushes for PHP workers).
     *
     * @param names the names
     * @return this builder
     */
    public Builder knownJobNames(String... names) {
      for (String n : names) {
        knownJobNames.add(Objects.requireNonNull(n, "job name"));
      }
      return this;
    }

    /**
     * Builds the metrics; bind them with {@link ThinkQueueMetrics#bindTo(MeterRegistry)}.
     *
     * @return the metrics
     */
    public ThinkQueueMetrics build() {
      return new ThinkQueueMetrics(this);
    }
  }
}
