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

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.worker.Worker;

/** Gauges and outcomes against a real store: shared by the Redis and the JDBC test. */
final class RealStoreGauges {
  private RealStoreGauges() {}

  /**
   * Pushes two jobs and a delayed one, runs one, and checks what the gauges read.
   *
   * @return the queue used (unique), for the caller to clean up
   */
  static String check(Connector connector) {
    String q = "hm-gauges-" + UUID.randomUUID().toString().substring(0, 8);
    MockClock clock = new MockClock();
    SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    JobRegistry registry = new JobRegistry();
    registry.register("hm-ok", String.class, (job, data) -> job.delete());
    ThinkQueueMetrics metrics = ThinkQueueMetrics.builder().clock(clock).latency(true).build();
    QueueManager manager =
        QueueManager.builder()
            .connection("store", connector)
            .registry(registry)
            .pushListener(metrics.pushListener())
            .build();
    try {
      metrics.bindTo(meters, manager);
      manager.push("hm-ok", "a", q);
      manager.push("hm-ok", "b", q);
      manager.later(Duration.ofMinutes(10), "hm-ok", "c", q);
      metrics.watch("store", q);
      assertThat(gauge(meters, q, "ready")).isEqualTo(2);
      assertThat(gauge(meters, q, "delayed")).isEqualTo(1);
      assertThat(gauge(meters, q, "reserved")).isEqualTo(0);

      try (Worker w =
          Worker.builder().manager(manager).queues(q).listener(metrics.workerListener()).build()) {
        assertThat(w.runOnce()).isTrue();
      }
      assertThat(gauge(meters, q, "ready")).as("cached").isEqualTo(2);
      clock.add(ThinkQueueMetrics.DEFAULT_REFRESH_INTERVAL);
      assertThat(gauge(meters, q, "ready")).isEqualTo(1);
      assertThat(
              meters
                  .get(ThinkQueueMetrics.JOB_DURATION)
                  .tags("connection", "store", "queue", q, "job", "hm-ok", "outcome", "processed")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(meters.get(ThinkQueueMetrics.JOB_LATENCY).tag("queue", q).timer().count())
          .isEqualTo(1);
    } finally {
      drain(connector, q);
      manager.close();
    }
    return q;
  }

  private static void drain(Connector connector, String q) {
    try {
      connector.pop(q, 100).forEach(connector::delete);
    } catch (RuntimeException e) {
      // best effort: the queue name is unique to this run
    }
  }

  private static double gauge(SimpleMeterRegistry meters, String q, String state) {
    return meters
        .get(ThinkQueueMetrics.QUEUE_JOBS)
        .tags("connection", "store", "queue", q, "state", state)
        .gauge()
        .value();
  }
}
