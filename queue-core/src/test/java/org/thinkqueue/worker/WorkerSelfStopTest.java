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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;

/**
 * {@code stop()} and {@code close()} called on one of the worker's own threads (a handler, a
 * listener) only request the stop: waiting there would wait for the calling thread itself. The stop
 * grace is long, so a worker that waited for itself would hold the handler far past these tests'
 * bounds and then release its job.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerSelfStopTest extends WorkerFixture {
  private static final Duration LONG_GRACE = Duration.ofSeconds(25);

  @Test
  void aHandlerClosingItsWorkerDuringRunReturnsAndItsJobCompletes() throws Exception {
    AtomicReference<Worker> self = new AtomicReference<>();
    CountDownLatch closeReturned = new CountDownLatch(1);
    registry.handle(
        "CloseMe",
        String.class,
        data -> {
          self.get().close();
          closeReturned.countDown();
        });
    manager.push("CloseMe", "a", QUEUE);
    manager.push("CloseMe", "b", QUEUE);
    Worker worker = build(worker().stopGrace(LONG_GRACE));
    self.set(worker);

    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(worker::run, r -> new Thread(r).start());

    assertThat(closeReturned.await(5, TimeUnit.SECONDS))
        .as("close() returned inside the handler")
        .isTrue();
    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    assertThat(events.of(JobProcessed.class)).hasSize(1);
    assertThat(events.of(JobReleased.class))
        .as("the closing job finished; nothing was cut short")
        .isEmpty();
    assertThat(size())
        .as("the first job deleted, the second never reserved")
        .isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void aHandlerStoppingAWorkerThatNeverRanEndsRunOnce() throws Exception {
    AtomicReference<Worker> self = new AtomicReference<>();
    registry.handle("StopMe", String.class, data -> self.get().stop(LONG_GRACE));
    manager.push("StopMe", "a", QUEUE);
    Worker worker = build(worker().stopGrace(LONG_GRACE));
    self.set(worker);

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());

    assertThat(once.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.isStopping()).isTrue();
    assertThat(worker.processedJobs()).isEqualTo(1);
    assertThat(size().total()).isZero();
    assertThatThrownBy(worker::runOnce).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerClosingTheWorkerOnItsPollThreadDoesNotHangIt() throws Exception {
    AtomicReference<Worker> self = new AtomicReference<>();
    Worker worker =
        build(
            worker()
                .stopGrace(LONG_GRACE)
                .listener(
                    new WorkerListener() {
                      @Override
                      public void onWorkerStarted(WorkerStarted event) {
                        self.get().close();
                      }
                    }));
    self.set(worker);

    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(worker::run, r -> new Thread(r).start());

    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
    assertThat(events.of(WorkerStarted.class)).hasSize(1);
  }
}
