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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.MaxAttemptsExceededException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.ReservedJob;

/**
 * Edge cases found in review: a payload's negative maxTries, a queue the store refuses, unholdable
 * settings.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerEdgeCaseTest extends WorkerFixture {

  @Test
  void aNegativeMaxTriesInThePayloadFailsTheJobAtOnceAsThinkQueueDoes() {
    AtomicInteger runs = new AtomicInteger();
    registry.handle(
        "T",
        String.class,
        d -> {
          runs.incrementAndGet();
          throw new IllegalStateException("always");
        });
    connector.pushRaw(
        QUEUE,
        "{\"job\":\"T\",\"maxTries\":-1,\"timeout\":null,\"data\":\"d\","
            + "\"id\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"attempts\":0}",
        Duration.ZERO);
    Worker worker = build(worker().tries(3));

    assertThat(worker.runOnce()).isTrue();

    assertThat(runs)
        .as("think-queue fails it before it runs: 0 === $maxTries || attempts <= $maxTries")
        .hasValue(0);
    assertThat(failedRecords())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.exception())
                    .contains(MaxAttemptsExceededException.class.getSimpleName()));
    assertThat(size().total()).isZero();
  }

  @Test
  void aQueueTheStoreRefusesDoesNotStopTheOtherQueues() {
    AtomicInteger refusals = new AtomicInteger();
    MemoryConnector memory = MemoryConnector.builder().build();
    ForwardingConnector refusing =
        new ForwardingConnector(memory) {
          @Override
          public List<ReservedJob> pop(String queue, int max) {
            if (queue.equals("broken")) {
              refusals.incrementAndGet();
              throw new QueueDataException(
                  "WRONGTYPE Operation against a key holding the wrong kind of value", null);
            }
            return delegate.pop(queue, max);
          }
        };
    QueueManager refusingManager =
        QueueManager.builder()
            .connection("refusing", refusing)
            .registry(registry)
            .failedJobStore(new MemoryFailedJobStore())
            .build();
    AtomicInteger ran = new AtomicInteger();
    registry.handle("Low", String.class, d -> ran.incrementAndGet());
    for (int i = 0; i < 3; i++) {
      refusingManager.push("Low", "d", "low");
    }
    Worker worker =
        build(
            Worker.builder()
                .manager(refusingManager)
                .queues("broken", "low")
                .backoff(Backoff.NONE)
                .sleep(Duration.ofMillis(50))
                .stopGrace(Duration.ofMillis(500)));
    worker.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 3);
    assertThat(refusals.get()).as("the broken queue is tried on every poll").isPositive();
    assertThat(worker.isStopping()).isFalse();
    worker.close();
    refusingManager.close();
  }

  @Test
  void settingsWhoseTimesCannotBeHeldAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> Worker.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("timeout")
        .hasMessageContaining(Duration.ofSeconds(Long.MAX_VALUE).toString());
    assertThatThrownBy(() -> Worker.builder().delay(Duration.ofDays(50_000)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("PT1200000H");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofDays(400)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backoff cap");
    Worker.builder().timeout(Worker.MAX_TIMEOUT).delay(Backoff.MAX_DELAY);
  }
}
