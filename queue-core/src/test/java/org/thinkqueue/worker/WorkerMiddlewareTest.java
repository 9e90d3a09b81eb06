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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobReleased;

/** Middleware runs around the handler on its thread, in order, and closes on every path. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerMiddlewareTest extends WorkerFixture {
  private final List<String> trail = new CopyOnWriteArrayList<>();

  private JobMiddleware named(String name) {
    return (job, data, next) -> {
      trail.add(name + ">" + Thread.currentThread().getName());
      try {
        next.proceed();
      } catch (Exception e) {
        trail.add(name + "!" + e.getClass().getSimpleName());
        throw e;
      } finally {
        trail.add("<" + name + Thread.currentThread().getName());
      }
    };
  }

  @Test
  void theFirstAddedIsOutermostAndAllRunOnTheHandlersThread() {
    registry.register(
        "Ok",
        String.class,
        (job, data) -> {
          trail.add("handler" + Thread.currentThread().getName());
          job.delete();
        });
    manager.push("Ok", "d", QUEUE);
    Worker worker = build(worker().middleware(named("a"), named("b")));

    assertThat(worker.runOnce()).isTrue();
    String t = trail.get(0).substring(2);
    assertThat(t).startsWith("queue-worker-");
    assertThat(trail).containsExactly("a>" + t, "b>" + t, "handler" + t, "<b" + t, "<a" + t);
    assertThat(events.of(JobProcessed.class)).hasSize(1);
  }

  @Test
  void whatTheHandlerThrowsPassesThroughAndTheJobIsReleased() {
    registry.register(
        "Boom",
        String.class,
        (job, data) -> {
          throw new IllegalStateException("boom");
        });
    manager.push("Boom", "d", QUEUE);
    Worker worker = build(worker().tries(3).middleware(named("a")));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail.get(1)).isEqualTo("a!IllegalStateException");
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(IllegalStateException.class));
    assertThat(size()).isEqualTo(new QueueSize(1, 0, 0));
  }

  @Test
  void aMiddlewareThatThrowsCountsAsTheHandlerThrowing() {
    registry.register("Never", String.class, (job, data) -> trail.add("handler"));
    manager.push("Never", "d", QUEUE);
    Worker worker =
        build(
            worker()
                .tries(3)
                .middleware(
                    (job, data, next) -> {
                      throw new UnsupportedOperationException("refused");
                    }));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).isEmpty();
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(
            e -> assertThat(e.exception()).isInstanceOf(UnsupportedOperationException.class));
    assertThat(events.of(JobReleased.class)).hasSize(1);
  }

  @Test
  void aTimedOutHandlerLeavesItsMiddlewareOnItsOwnThread() throws Exception {
    ManualTicker ticker = new ManualTicker();
    Duration timeout = Duration.ofMinutes(5);
    CountDownLatch running = new CountDownLatch(1);
    registry.register(
        "Sleeper",
        String.class,
        (job, data) -> {
          running.countDown();
          new CountDownLatch(1).await();
        });
    manager.push("Sleeper", "d", QUEUE);
    Worker worker = build(worker().tries(3).timeout(timeout).ticker(ticker).middleware(named("a")));

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.advance(timeout);

    assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
    String t = trail.get(0).substring(2);
    assertThat(trail).containsExactly("a>" + t, "a!InterruptedException", "<a" + t);
    assertThat(events.of(JobReleased.class)).hasSize(1);
  }

  @Test
  void theWorkersMiddlewareRunsFirstThenTheHandlersThenTheHandler() {
    registry.register(
        "Ok",
        String.class,
        (job, data) -> {
          trail.add("handler");
          job.delete();
        },
        JobPolicy.builder().middleware(named("c"), named("d")).build());
    manager.push("Ok", "d", QUEUE);
    Worker worker = build(worker().middleware(named("a")).middleware(named("b")));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail.stream().map(t -> t.substring(0, 2)))
        .containsExactly("a>", "b>", "c>", "d>", "ha", "<d", "<c", "<b", "<a");
  }

  @Test
  void middlewareSeesTheConvertedData() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    registry.handle("Typed", Integer.class, n -> {});
    manager.push("Typed", 42, QUEUE);
    Worker worker =
        build(
            worker()
                .middleware(
                    (job, data, next) -> {
                      seen.add(data);
                      next.proceed();
                    }));

    assertThat(worker.runOnce()).isTrue();
    assertThat(seen).containsExactly(42);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aMiddlewareThatDeletesTheJobSkipsTheHandler() {
    registry.handle("Cancelled", String.class, d -> trail.add("handler"));
    manager.push("Cancelled", "order-1", QUEUE);
    Worker worker = build(worker().middleware((job, data, next) -> job.delete()));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(failedRecords()).isEmpty();
  }

  @Test
  void aMiddlewareThatReleasesTheJobSkipsTheHandlerAndTheJobComesBack() {
    registry.handle("Later", String.class, d -> trail.add("handler"));
    manager.push("Later", "d", QUEUE);
    Worker worker =
        build(worker().middleware((job, data, next) -> job.release(Duration.ofSeconds(30))));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).isEmpty();
    assertThat(size()).isEqualTo(new QueueSize(0, 1, 0));
  }

  @Test
  void aMiddlewareThatSnoozesTheJobSkipsTheHandlerWithoutUsingAnAttempt() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    registry.handle("Limited", String.class, d -> trail.add("handler"));
    manager.push("Limited", "d", QUEUE);
    Worker worker =
        build(
            worker()
                .tries(1)
                .middleware(
                    (job, data, next) -> {
                      attempts.add(job.attempts());
                      if (attempts.size() < 3) {
                        job.snooze(Duration.ZERO);
                      } else {
                        next.proceed();
                      }
                    }));

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(attempts)
        .as("tries 1, yet three runs: snoozes gave the attempt back")
        .containsExactly(1, 1, 1);
    assertThat(trail).containsExactly("handler");
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void aMiddlewareThatFailsTheJobSkipsTheHandlerAndRecordsIt() {
    List<Throwable> callbacks = new CopyOnWriteArrayList<>();
    registry.register(
        "Refused",
        String.class,
        new JobHandler<String>() {
          @Override
          public void fire(Job job, String data) {
            trail.add("handler");
          }

          @Override
          public void failed(String data, Throwable cause) {
            callbacks.add(cause);
          }
        });
    manager.push("Refused", "d", QUEUE);
    Worker worker =
        build(
            worker()
                .middleware(
                    (job, data, next) -> job.fail(new IllegalStateException("tenant suspended"))));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).isEmpty();
    assertThat(failedRecords()).hasSize(1);
    assertThat(callbacks)
        .singleElement()
        .satisfies(c -> assertThat(c).hasMessage("tenant suspended"));
    assertThat(events.of(JobFailed.class)).hasSize(1);
    assertThat(size()).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void callingNextTwiceIsAnErrorAndTheHandlerRunsOnce() {
    registry.handle("Once", String.class, d -> trail.add("handler"));
    manager.push("Once", "d", QUEUE);
    Worker worker =
        build(
            worker()
                .tries(3)
                .middleware(
                    (job, data, next) -> {
                      next.proceed();
                      next.proceed();
                    }));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).containsExactly("handler");
    assertThat(events.of(JobExceptionOccurred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.exception()).isInstanceOf(IllegalStateException.class));
  }

  @Test
  void middlewareIsNotCalledForAJobThatFailsBeforeItsHandlerWouldRun() {
    QueueManager.builder().connection("memory", connector).build().push("Unknown", "d", QUEUE);
    Worker worker = build(worker().middleware(named("a")));

    assertThat(worker.runOnce()).isTrue();
    assertThat(trail).isEmpty();
    assertThat(failedRecords()).hasSize(1);
  }
}
