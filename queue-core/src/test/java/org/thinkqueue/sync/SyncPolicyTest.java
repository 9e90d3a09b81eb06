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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobSnoozed;
import org.thinkqueue.event.WorkerListener;

/** On the sync driver a handler's middleware runs; a snooze is a release: the job ends. */
class SyncPolicyTest {
  private final JobRegistry registry = new JobRegistry();
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final QueueManager queues =
      QueueManager.builder()
          .connection(
              "sync",
              SyncConnector.builder()
                  .registry(registry)
                  .listener(
                      new WorkerListener() {
                        @Override
                        public void onJobProcessed(JobProcessed event) {
                          events.add(event);
                        }

                        @Override
                        public void onJobSnoozed(JobSnoozed event) {
                          events.add(event);
                        }
                      })
                  .build())
          .registry(registry)
          .build();

  @Test
  void theHandlersMiddlewareRunsAroundItInThePushingThread() {
    List<String> trail = new CopyOnWriteArrayList<>();
    JobMiddleware tenant =
        (job, data, next) -> {
          trail.add("tenant>" + Thread.currentThread().getName());
          next.proceed();
          trail.add("<tenant");
        };
    registry.handle(
        "A",
        String.class,
        d -> trail.add("handler " + d),
        JobPolicy.builder().middleware(tenant).build());

    queues.push("A", "x");

    assertThat(trail)
        .containsExactly("tenant>" + Thread.currentThread().getName(), "handler x", "<tenant");
  }

  @Test
  void aSnoozeOnlySetsTheReleasedFlagAndTheJobDoesNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    registry.register(
        "Waiting",
        String.class,
        (job, data) -> {
          runs.incrementAndGet();
          job.snooze(Duration.ofSeconds(5));
          job.delete();
        });

    queues.push("Waiting", "x");

    assertThat(runs).hasValue(1);
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            JobProcessed.class,
            p -> {
              assertThat(p.job().isReleased()).isTrue();
              assertThat(p.job().isDeleted()).as("snoozed first: the delete is a no-op").isFalse();
            });
  }

  @Test
  void aMiddlewareThatThrowsFailsThePushLikeTheHandler() {
    registry.handle(
        "A",
        String.class,
        d -> {},
        JobPolicy.builder()
            .middleware(
                (job, data, next) -> {
                  throw new IllegalStateException("refused");
                })
            .build());

    assertThatThrownBy(() -> queues.push("A", "x")).hasMessage("refused");
  }

  @Test
  void aNegativeSnoozeIsRefused() {
    registry.register("A", String.class, (job, data) -> job.snooze(Duration.ofSeconds(-1)));

    assertThatThrownBy(() -> queues.push("A", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
