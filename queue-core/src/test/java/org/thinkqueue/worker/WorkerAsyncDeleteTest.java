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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;

/**
 * The worker's delete after a handler returns goes through {@link Connector#deleteAsync}: the
 * thread moves on while the delete is written. A job counts as processed when its delete landed, a
 * stopping worker waits for deletes in flight, and a delete that fails leaves the job to run again
 * (at least once), never lost.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerAsyncDeleteTest {
  private static final String QUEUE = "q";
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void shutdown() {
    later.shutdownNow();
  }

  /**
   * A memory connector whose deleteAsync lands after {@code delayMs}, or fails while {@code
   * failures} > 0.
   */
  final class SlowAckConnector extends ForwardingConnector {
    volatile long delayMs;
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger asyncDeletes = new AtomicInteger();

    SlowAckConnector() {
      super(
          MemoryConnector.builder()
              .retryAfter(org.thinkqueue.spi.Connector.MIN_RETRY_AFTER)
              .build());
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ReservedJob job) {
      asyncDeletes.incrementAndGet();
      CompletableFuture<Void> done = new CompletableFuture<>();
      later.schedule(
          () -> {
            if (failures.getAndDecrement() > 0) {
              done.completeExceptionally(new ConnectionException("ack pipeline broke", null, true));
            } else {
              delegate.delete(job);
              done.complete(null);
            }
          },
          delayMs,
          TimeUnit.MILLISECONDS);
      return done;
    }
  }

  private static QueueManager manager(Connector connector, List<String> seen) {
    JobRegistry registry = new JobRegistry();
    registry.handle("Record", String.class, seen::add);
    return QueueManager.builder().connection("slow", connector).registry(registry).build();
  }

  @Test
  void aJobCountsAsProcessedWhenItsDeleteLanded() {
    SlowAckConnector connector = new SlowAckConnector();
    connector.delayMs = 800;
    List<String> seen = new CopyOnWriteArrayList<>();
    QueueManager manager = manager(connector, seen);
    manager.push("Record", "a", QUEUE);

    try (Worker worker =
        Worker.builder().manager(manager).queues(QUEUE).sleep(Duration.ofMillis(50)).build()) {
      worker.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      assertThat(connector.asyncDeletes.get()).isEqualTo(1);
      assertThat(worker.processedJobs()).as("counted before its delete landed").isZero();
      assertThat(connector.size(QUEUE).reserved()).isEqualTo(1);

      await().atMost(Duration.ofSeconds(5)).until(() -> worker.processedJobs() == 1);
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    }
  }

  @Test
  void stoppingWaitsForDeletesInFlight() {
    SlowAckConnector connector = new SlowAckConnector();
    connector.delayMs = 1_000;
    List<String> seen = new CopyOnWriteArrayList<>();
    QueueManager manager = manager(connector, seen);
    for (int i = 0; i < 5; i++) {
      manager.push("Record", "job-" + i, QUEUE);
    }

    Worker worker =
        Worker.builder()
            .manager(manager)
            .queues(QUEUE)
            .threads(5)
            .sleep(Duration.ofMillis(50))
            .build();
    worker.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 5);
    worker.stop(Duration.ZERO);

    assertThat(worker.processedJobs()).isEqualTo(5);
    assertThat(connector.size(QUEUE))
        .as("every delete landed before stop returned")
        .isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aFailedDeleteLeavesTheJobToRunAgainNotLost() {
    SlowAckConnector connector = new SlowAckConnector();
    connector.failures.set(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    QueueManager manager = manager(connector, seen);
    manager.push("Record", "once-more", QUEUE);

    try (Worker worker =
        Worker.builder().manager(manager).queues(QUEUE).sleep(Duration.ofMillis(50)).build()) {
      worker.start();
      // The reservation (retryAfter 1 s) expires, the job runs again, and that delete lands.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> seen.size() == 2 && worker.processedJobs() == 2);
      assertThat(seen).containsExactly("once-more", "once-more");
      assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    }
  }
}
