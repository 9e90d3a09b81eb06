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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.Set;
import org.thinkqueue.Job;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.OutgoingJob;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.micrometer.internal.JobNameTag;

/**
 * Trace context across the queue with Micrometer Observation: a push is observed as a PRODUCER
 * ({@link JobPushContext}), and a tracing bridge (Micrometer Tracing with OpenTelemetry or Brave)
 * writes the W3C {@code traceparent} and {@code tracestate} into the payload as top-level fields; a
 * worker runs each handler inside a CONSUMER observation ({@link JobProcessContext}) whose span
 * continues that trace, and is current while the handler runs. PHP think-queue ignores the extra
 * fields, so PHP workers run such jobs unchanged.
 *
 * <pre>{@code
 * ThinkQueueObservation tracing = new ThinkQueueObservation(observationRegistry);
 * QueueManager queues = QueueManager.builder()....pushListener(tracing.pushListener()).build();
 * Worker worker = Worker.builder().manager(queues).middleware(tracing.jobMiddleware()).build();
 * }</pre>
 *
 * <p>With a tracer installed, every push gets a span and a {@code traceparent}, inside a traced
 * request or not (a push outside one starts a trace, as other messaging instrumentation does);
 * without an observation handler (a no-op registry) nothing is written. Observations are named
 * {@value #PUSH_OBSERVATION} and {@value #PROCESS_OBSERVATION}, with the low-cardinality keys
 * {@code thinkqueue.connection}, {@code thinkqueue.queue}, {@code thinkqueue.job} and the
 * high-cardinality keys {@code thinkqueue.job.id} and {@code thinkqueue.job.attempts} (worker).
 * Thread-safe.
 */
public final class ThinkQueueObservation {
  /** The observation of a push (PRODUCER). */
  public static final String PUSH_OBSERVATION = "thinkqueue.job.push";

  /** The observation of a handler run (CONSUMER). */
  public static final String PROCESS_OBSERVATION = "thinkqueue.job.process";

  /** The payload fields trace context is carried in: W3C Trace Context's two headers. */
  public static final Set<String> PROPAGATED_FIELDS = Set.of("traceparent", "tracestate");

  private static final Object OBSERVATION = new Object();

  private final ObservationRegistry registry;
  private final JobNameTag jobNames;
  private final PushListener pushListener = new Pushes();
  private final JobMiddleware middleware = (job, data, next) -> around(job, next);

  /**
   * Observations on {@code registry}; the {@code thinkqueue.job} key is the job name as is, as a
   * high-cardinality key (on spans, not on the observation's timer).
   *
   * @param registry the observation registry (Spring Boot has one)
   */
  public ThinkQueueObservation(ObservationRegistry registry) {
    this(registry, null);
  }

  /**
   * Observations on {@code registry}, with the {@code thinkqueue.job} key bounded as {@link
   * ThinkQueueMetrics} bounds its {@code job} tag: names {@code manager}'s registry does not
   * resolve read {@code other}.
   *
   * @param registry the observation registry
   * @param manager the manager whose registry bounds job names, or {@code null} for none
   */
  public ThinkQueueObservation(ObservationRegistry registry, QueueManager manager) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.jobNames = manager == null ? null : new JobNameTag(manager.registry(), Set.of());
  }

  /**
   * The listener to add to the manager's builder ({@code QueueManager.Builder.pushListener}).
   *
   * @return the listener (one instance)
   */
  public PushListener pushListener() {
    return pushListener;
  }

  /**
   * The middleware to add to each worker ({@code Worker.Builder.middleware}), first, so the
   * observation covers the other middleware too.
   *
   * @return the middleware (one instance)
   */
  public JobMiddleware jobMiddleware() {
    return middleware;
  }

  /**
   * The job name: a low-cardinality key (a metric tag) only when a registry bounds it, else a
   * high-cardinality one (span attribute only), so payloads can't grow a timer's tags.
   */
  private Observation jobKey(Observation observation, String name) {
    return jobNames == null
        ? observation.highCardinalityKeyValue("thinkqueue.job", name)
        : observation.lowCardinalityKeyValue("thinkqueue.job", jobNames.of(name));
  }

  private void around(Job job, JobMiddleware.Next next) throws Exception {
    Observation observation =
        Observation.createNotStarted(
                PROCESS_OBSERVATION, () -> new JobProcessContext(job), registry)
            .contextualName(job.getQueue() + " process")
            .lowCardinalityKeyValue("thinkqueue.connection", job.getConnection())
            .lowCardinalityKeyValue("thinkqueue.queue", job.getQueue())
            .highCardinalityKeyValue("thinkqueue.job.id", String.valueOf(job.getId()))
            .highCardinalityKeyValue("thinkqueue.job.attempts", Integer.toString(job.attempts()));
    jobKey(observation, job.getName()).observeChecked(next::proceed);
  }

  private final class Pushes implements PushListener {
    @Override
    public void onPushing(OutgoingJob job) {
      if (registry.getCurrentObservation() == null) {
        return; // not inside a traced request or job: the payload stays plain
      }
      Observation observation =
          Observation.createNotStarted(PUSH_OBSERVATION, () -> new JobPushContext(job), registry);
      if (observation.isNoop()) {
        return;
      }
      observation
          .contextualName(job.queue() + " publish")
          .lowCardinalityKeyValue("thinkqueue.connection", job.connection())
          .lowCardinalityKeyValue("thinkqueue.queue", job.queue());
      jobKey(observation, job.job()).start();
      job.setAttribute(OBSERVATION, observation);
    }

    @Override
    public void onPushed(OutgoingJob job, String id) {
      Observation observation = (Observation) job.getAttribute(OBSERVATION);
      if (observation != null) {
        if (observation.getContext() instanceof JobPushContext c) {
          c.setJobId(id);
        }
        observation.highCardinalityKeyValue("thinkqueue.job.id", String.valueOf(id)).stop();
      }
    }

    @Override
    public void onPushFailed(OutgoingJob job, RuntimeException error) {
      Observation observation = (Observation) job.getAttribute(OBSERVATION);
      if (observation != null) {
        observation.error(error).stop();
      }
    }
  }
}
