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
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
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
    Worker worker =
        build(worker().tries(3).timeout(timeout).ticker(ticker).middleware(named("a")));

    CompletableFuture<Boolean> once =
        CompletableFuture.supplyAsync(worker::runOnce, r -> new Thread(r).start());
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.advance(timeout);

    assertThat(once.get(10, TimeUnit.SECONDS)).isTrue();
    String t = trail.get(0).substring(2);
    assertThat(trail).containsExactly("a>" + t, "a!InterruptedException", "<a" + t);
    assertThat(events.of(JobReleased.class)).hasSize(1);
  }
}
