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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.event.WorkerStopping;

/** Events in think-queue's order (ref. 7.3), and listeners that throw change nothing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerListenerTest extends WorkerFixture {

  /** Throws from every method, counting the calls. */
  static final class ThrowingListener implements WorkerListener {
    final AtomicInteger calls = new AtomicInteger();

    private void boom() {
      calls.incrementAndGet();
      throw new IllegalStateException("listener broke");
    }

    @Override
    public void onWorkerStarted(WorkerStarted event) {
      boom();
    }

    @Override
    public void onJobProcessing(JobProcessing event) {
      boom();
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      boom();
    }

    @Override
    public void onJobExceptionOccurred(JobExceptionOccurred event) {
      boom();
    }

    @Override
    public void onJobFailed(JobFailed event) {
      boom();
    }

    @Override
    public void onJobReleased(JobReleased event) {
      boom();
    }

    @Override
    public void onWorkerStopping(WorkerStopping event) {
      boom();
    }
  }

  @Test
  void eventsFireInOrderAndAThrowingListenerStopsNothing() {
    registry.handle("Ok", String.class, data -> {});
    registry.handle(
        "Bad",
        String.class,
        data -> {
          throw new IllegalArgumentException("bad " + data);
        });
    String ok = manager.push("Ok", "o", QUEUE);
    String retried = manager.push("Bad", "r", QUEUE);
    ThrowingListener thrower = new ThrowingListener();
    // The throwing listener comes first: the recording one after it must still see everything.
    Worker worker =
        build(
            Worker.builder()
                .manager(manager)
                .queues(QUEUE)
                .sleep(Duration.ofMillis(50))
                .tries(2)
                .delay(Duration.ZERO)
                .listener(thrower)
                .listener(events)
                .maxJobs(3));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(events.namesFor(ok)).containsExactly("JobProcessing", "JobProcessed");
    // Attempt 1 released, attempt 2 (the last) failed: JobFailed comes from failJob, before
    // JobExceptionOccurred.
    assertThat(events.namesFor(retried))
        .containsExactly(
            "JobProcessing",
            "JobExceptionOccurred",
            "JobReleased",
            "JobProcessing",
            "JobFailed",
            "JobExceptionOccurred");
    assertThat(events.of(WorkerStarted.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.connection()).isEqualTo("memory");
              assertThat(e.queues()).containsExactly(QUEUE);
            });
    assertThat(events.all.get(0)).as("WorkerStarted comes first").isInstanceOf(WorkerStarted.class);
    assertThat(events.of(WorkerStopping.class)).hasSize(1);
    assertThat(thrower.calls).hasValue(events.all.size());
    assertThat(failedRecords())
        .singleElement()
        .satisfies(r -> assertThat(r.exception()).contains("bad r"));
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }
}
