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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PayloadTooLargeException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Backoff;
import org.thinkqueue.worker.Worker;

/** Meters on the memory connector, time on a MockClock. */
class ThinkQueueMetricsTest {
  private static final String Q = "hm-metrics";

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final MemoryConnector memory =
      MemoryConnector.builder().wireFormat(WireFormat.V3).build();
  private final JobRegistry registry = new JobRegistry();
  private final ThinkQueueMetrics metrics =
      ThinkQueueMetrics.builder()
          .clock(clock)
          .knownJobNames("php\\job\\Mail@send")
          .latency(true)
          .build();
  private final QueueManager manager =
      QueueManager.builder()
          .connection("mem", memory)
          .registry(registry)
          .checkJobNamesOnPush(false)
          .maxPayloadBytes(1024)
          .pushListener(metrics.pushListener())
          .build();

  ThinkQueueMetricsTest() {
    metrics.bindTo(meters, manager);
    registry.register(
        "ok",
        String.class,
        (job, data) -> {
          clock.add(Duration.ofMillis(40));
          job.delete();
        });
    registry.register(
        "again",
        String.class,
        (job, data) -> {
          clock.add(Duration.ofMillis(10));
          job.release(Duration.ofSeconds(30));
        });
    registry.register(
        "boom",
        String.class,
        (job, data) -> {
          clock.add(Duration.ofMillis(20));
          throw new IllegalStateException("boom");
        });
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Worker worker(int tries) {
    return Worker.builder()
        .manager(manager)
        .queues(Q)
        .tries(tries)
        .backoff(Backoff.NONE)
        .listener(metrics.workerListener())
        .build();
  }

  private Timer duration(String job, String outcome) {
    return meters
        .get(ThinkQueueMetrics.JOB_DURATION)
        .tags("connection", "mem", "queue", Q, "job", job, "outcome", outcome)
        .timer();
  }

  @Test
  void eachOutcomeIsTimedUnderItsTag() {
    manager.push("ok", "d", Q);
    manager.push("again", "d", Q);
    try (Worker w = worker(2)) {
      assertThat(w.runOnce()).isTrue();
      assertThat(w.runOnce()).isTrue();
    }
    manager.push("boom", "d", Q);
    try (Worker w = worker(2)) {
      assertThat(w.runOnce()).isTrue(); // attempt 1 of 2: exception, released
      assertThat(w.runOnce()).isTrue(); // attempt 2 of 2: failed for good
    }

    assertThat(duration("ok", "processed").count()).isEqualTo(1);
    assertThat(duration("ok", "processed").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    assertThat(duration("again", "released").count()).isEqualTo(1);
    assertThat(duration("again", "released").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
    assertThat(duration("boom", "exception").count()).isEqualTo(1);
    assertThat(duration("boom", "exception").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
    assertThat(duration("boom", "failed").count()).isEqualTo(1);
    assertThat(meters.get(ThinkQueueMetrics.JOB_DURATION).timers()).hasSize(4);
  }

  @Test
  void anUnknownJobFailsUnderTheFixedTag() {
    manager.push("php\\job\\Mail@send", "d", Q);
    manager.push("some.random.name", "d", Q);
    try (Worker w = worker(3)) {
      assertThat(w.runOnce()).isTrue();
      assertThat(w.runOnce()).isTrue();
    }
    assertThat(duration("php\\job\\Mail@send", "failed").count()).isEqualTo(1);
    assertThat(duration("other", "failed").count()).isEqualTo(1);
    assertThat(meters.get(ThinkQueueMetrics.JOB_PUSHED).tag("job", "other").counter().count())
        .isEqualTo(1);
  }

  @Test
  void pushesAreCountedByOutcome() {
    manager.push("ok", "d", Q);
    manager.later(Duration.ofSeconds(5), "ok", "d", Q);
    assertThatThrownBy(() -> manager.push("ok", "x".repeat(2000), Q))
        .isInstanceOf(PayloadTooLargeException.class);

    assertThat(
            meters
                .get(ThinkQueueMetrics.JOB_PUSHED)
                .tags("connection", "mem", "queue", Q, "job", "ok", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            meters
                .get(ThinkQueueMetrics.JOB_PUSHED)
                .tags("job", "ok", "outcome", "failure")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void latencyRunsFromTheDueTimeToTheFirstAttempt() {
    manager.push("boom", "d", Q);
    long pushedAt = clock.wallTime();
    manager.later(Duration.ofSeconds(2), "ok", "d", Q);
    clock.add(Duration.ofSeconds(3));
    try (Worker w = worker(3)) {
      assertThat(w.runOnce()).isTrue();
      clock.add(Duration.ofSeconds(30));
      assertThat(w.runOnce()).as("the retry").isTrue();
    }
    Timer latency =
        meters
            .get(ThinkQueueMetrics.JOB_LATENCY)
            .tags("connection", "mem", "queue", Q, "job", "boom")
            .timer();
    assertThat(latency.count()).as("a retry is not a push-to-start latency").isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.SECONDS)).isEqualTo(3);

    // The delayed job is due 2 s after its push (the memory connector's own clock decides when it
    // runs, so its due time is checked directly).
    String delayed = memory.delayedPayloads(Q).get(0);
    long dueAt = Long.parseLong(delayed.replaceAll(".*\"dueAt\":\"(\\d+)\".*", "$1"));
    assertThat(dueAt).isEqualTo(pushedAt + 2_000);
  }

  @Test
  void aPlainPushHasNoDueField() {
    MemoryConnector plain = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
    try (QueueManager m =
        QueueManager.builder().connection("mem", plain).registry(registry).build()) {
      metrics.workerListener(); // the worker listener alone writes nothing
      m.push("ok", "d", Q);
      assertThat(plain.readyPayloads(Q)).singleElement().asString().doesNotContain("dueAt");
    }
    manager.push("ok", "d", Q);
    assertThat(memory.readyPayloads(Q)).singleElement().asString().contains("\"dueAt\":\"");

    // Without latency(true) the push listener counts pushes and writes nothing.
    ThinkQueueMetrics counting = ThinkQueueMetrics.builder().clock(clock).build();
    MemoryConnector counted = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
    try (QueueManager m =
        QueueManager.builder()
            .connection("mem", counted)
            .registry(registry)
            .pushListener(counting.pushListener())
            .build()) {
      m.push("ok", "d", Q);
      assertThat(counted.readyPayloads(Q)).singleElement().asString().doesNotContain("dueAt");
    }
  }

  @Test
  void gaugesReadTheStoresAtMostOncePerInterval() {
    manager.push("ok", "d", Q);
    manager.later(Duration.ofMinutes(1), "ok", "d", Q);
    metrics.watch("mem", Q);

    assertThat(gauge("ready")).isEqualTo(1);
    assertThat(gauge("delayed")).isEqualTo(1);
    assertThat(gauge("reserved")).isEqualTo(0);
    assertThat(meters.get(ThinkQueueMetrics.FAILED_JOBS).gauge().value()).isEqualTo(0);

    manager.push("ok", "d", Q);
    manager.push("nope", "d", Q);
    clock.add(ThinkQueueMetrics.DEFAULT_REFRESH_INTERVAL.minusMillis(1));
    assertThat(gauge("ready")).as("cached").isEqualTo(1);

    clock.add(Duration.ofMillis(1));
    assertThat(gauge("ready")).isEqualTo(3);

    try (Worker w = worker(1)) {
      w.runOnce();
      w.runOnce();
      w.runOnce();
    }
    clock.add(ThinkQueueMetrics.DEFAULT_REFRESH_INTERVAL);
    assertThat(gauge("ready")).isEqualTo(0);
    assertThat(meters.get(ThinkQueueMetrics.FAILED_JOBS).gauge().value()).isEqualTo(1);
  }

  @Test
  void aWorkersQueuesAreGaugedOnceItStarts() throws Exception {
    Worker w = worker(1);
    w.start();
    try {
      org.awaitility.Awaitility.await()
          .until(
              () -> meters.find(ThinkQueueMetrics.QUEUE_JOBS).tag("queue", Q).gauges().size() == 3);
    } finally {
      w.close();
    }
    assertThat(gauge("ready")).isEqualTo(0);
  }

  @Test
  void aSecondRegistryGetsTheSameMeters() {
    SimpleMeterRegistry other = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    metrics.bindTo(other);
    metrics.bindTo(other);
    manager.push("ok", "d", Q);
    assertThat(other.get(ThinkQueueMetrics.JOB_PUSHED).counter().count()).isEqualTo(1);
    assertThat(meters.get(ThinkQueueMetrics.JOB_PUSHED).counter().count()).isEqualTo(1);
    assertThatThrownBy(
            () -> metrics.manager(QueueManager.builder().connection("x", memory).build()))
        .isInstanceOf(IllegalStateException.class);
  }

  private double gauge(String state) {
    return meters
        .get(ThinkQueueMetrics.QUEUE_JOBS)
        .tags("connection", "mem", "queue", Q, "state", state)
        .gauge()
        .value();
  }
}
