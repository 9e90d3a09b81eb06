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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.ReservedJob;

/**
 * The poll loop survives a failing store, and a job whose failure cannot be recorded is not lost.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerResilienceTest {
  private static final String QUEUE = "q";

  /** A memory connector whose pop fails while {@code popFailures} is above zero. */
  static final class FlakyConnector extends ForwardingConnector {
    final AtomicInteger popFailures = new AtomicInteger();
    final AtomicInteger pops = new AtomicInteger();

    FlakyConnector() {
      super(new MemoryConnector());
    }

    @Override
    public List<ReservedJob> pop(String queue, int max) {
      pops.incrementAndGet();
      if (popFailures.getAndDecrement() > 0) {
        throw new ConnectionException("store unreachable", null, true);
      }
      return delegate.pop(queue, max);
    }
  }

  /** A failed-job store whose record() fails while {@code broken}. */
  static final class BrokenFailedStore implements FailedJobStore {
    final MemoryFailedJobStore delegate = new MemoryFailedJobStore();
    final AtomicBoolean broken = new AtomicBoolean(true);

    @Override
    public String record(String connection, String queue, String payload, String exception) {
      if (broken.get()) {
        throw new ConnectionException("failed-job table unreachable", null, true);
      }
      return delegate.record(connection, queue, payload, exception);
    }

    @Override
    public List<FailedJob> list(int offset, int limit) {
      return delegate.list(offset, limit);
    }

    @Override
    public Optional<FailedJob> find(String id) {
      return delegate.find(id);
    }

    @Override
    public boolean forget(String id) {
      return delegate.forget(id);
    }

    @Override
    public void flush() {
      delegate.flush();
    }

    @Override
    public long count() {
      return delegate.count();
    }
  }

  @Test
  void pollLoopKeepsGoingWhenReservingFailsAndLogsOneLineForTheOutageAndOneForTheRecovery() {
    FlakyConnector connector = new FlakyConnector();
    connector.popFailures.set(6);
    JobRegistry registry = new JobRegistry();
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, seen::add);
    String name = "flaky-" + UUID.randomUUID();
    QueueManager manager =
        QueueManager.builder()
            .connection(name, connector)
            .registry(registry)
            .failedJobStore(new MemoryFailedJobStore())
            .build();
    manager.push("Record", "a", QUEUE);

    WorkerFixture.RecordingListener events = new WorkerFixture.RecordingListener();
    try (CapturedLog log = new CapturedLog();
        Worker worker =
            Worker.builder()
                .manager(manager)
                .queues(QUEUE)
                .sleep(Duration.ofMillis(50))
                .stopGrace(Duration.ofMillis(500))
                .listener(events)
                .build()) {
      worker.start();

      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      assertThat(connector.pops.get()).isGreaterThan(6);
      assertThat(events.pollThread.isAlive()).as("the poll thread survived the outage").isTrue();
      assertThat(log.lines("'" + name + "'"))
          .hasSize(2)
          .satisfiesExactly(
              down ->
                  assertThat(down)
                      .contains("ERROR")
                      .contains("poll failed")
                      .contains("store unreachable"),
              up -> assertThat(up).contains("INFO").contains("resumed").contains("6 failed polls"));
    }
    assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
  }

  /** Records the outage's log lines instead of writing them. */
  static final class RecordingOutageLog implements PollOutage.Log {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void down(String connection, Throwable cause) {
      lines.add("down " + connection + " " + cause.getMessage());
    }

    @Override
    public void resumed(String connection, long millis, int failedPolls) {
      lines.add(
          "resumed " + connection + " after " + millis + " ms, " + failedPolls + " failed polls");
    }
  }

  @Test
  void anOutageLogsOnceWhenItStartsAndOnceWhenItEndsAndNeverPausesLongerThanTheCap() {
    RecordingOutageLog log = new RecordingOutageLog();
    AtomicLong nanos = new AtomicLong();
    PollOutage outage = new PollOutage("c", log, nanos::get);
    List<Duration> pauses = new ArrayList<>();

    outage.succeeded();
    for (int i = 0; i < 500; i++) {
      Duration pause = outage.failed(new ConnectionException("down " + i, null, true));
      pauses.add(pause);
      nanos.addAndGet(pause.toNanos());
    }
    outage.succeeded();
    outage.succeeded();

    assertThat(pauses.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(50));
    assertThat(pauses)
        .isSorted()
        .allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(PollOutage.MAX_PAUSE));
    assertThat(PollOutage.MAX_PAUSE).isLessThanOrEqualTo(Duration.ofMillis(500));
    long total = pauses.stream().mapToLong(Duration::toMillis).sum();
    assertThat(log.lines)
        .containsExactly("down c down 0", "resumed c after " + total + " ms, 500 failed polls");

    outage.failed(new ConnectionException("again", null, true));
    assertThat(log.lines).hasSize(3).last().isEqualTo("down c again");
    assertThat(outage.failedPolls()).isEqualTo(1);
  }

  /** Records the delays the worker releases jobs with. */
  static final class RecordingReleases extends ForwardingConnector {
    final List<Duration> releases = new CopyOnWriteArrayList<>();

    RecordingReleases(MemoryConnector delegate) {
      super(delegate);
    }

    @Override
    public void release(ReservedJob job, Duration delay) {
      releases.add(delay);
      delegate.release(job, delay);
    }
  }

  @Test
  void jobWhoseFailureCannotBeRecordedIsReleasedWithAGrowingDelayNotLostAndLoggedOncePerStreak() {
    WorkerFixture.MutableClock clock = new WorkerFixture.MutableClock();
    RecordingReleases connector =
        new RecordingReleases(MemoryConnector.builder().clock(clock).build());
    BrokenFailedStore store = new BrokenFailedStore();
    JobRegistry registry = new JobRegistry();
    List<Throwable> failedCalls = new CopyOnWriteArrayList<>();
    registry.register(
        "Bad",
        new org.thinkqueue.JobHandler<String>() {
          @Override
          public void fire(org.thinkqueue.Job job, String data) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void failed(String data, Throwable cause) {
            failedCalls.add(cause);
          }
        });
    String name = "unrecorded-" + UUID.randomUUID();
    QueueManager manager =
        QueueManager.builder()
            .connection(name, connector)
            .registry(registry)
            .failedJobStore(store)
            .build();
    String id = manager.push("Bad", "d", QUEUE);

    // delay(0) asks for immediate releases: a job whose failure cannot be recorded is backed off
    // all the same.
    try (CapturedLog log = new CapturedLog();
        Worker worker =
            Worker.builder().manager(manager).queues(QUEUE).tries(1).delay(Duration.ZERO).build()) {
      assertThat(worker.runOnce()).isTrue();

      assertThat(connector.delegate.readyPayloads(QUEUE)).isEmpty();
      assertThat(connector.delegate.delayedPayloads(QUEUE)).singleElement().asString().contains(id);
      assertThat(worker.runOnce()).as("not due yet").isFalse();
      for (int i = 0; i < 3; i++) {
        clock.advance(connector.releases.get(i));
        assertThat(worker.runOnce()).isTrue();
      }
      assertThat(connector.releases).hasSize(4);
      assertThat(connector.releases.get(0))
          .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(connector.releases.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(connector.releases.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(connector.releases.get(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
      assertThat(failedCalls).isEmpty();
      assertThat(store.count()).isZero();
      assertThat(log.lines("Could not record failed job " + id))
          .singleElement()
          .asString()
          .contains("ERROR");

      store.broken.set(false);
      clock.advance(connector.releases.get(3));
      assertThat(worker.runOnce()).isTrue();
      assertThat(log.lines("records again after 4 failed writes")).hasSize(1);
    }
    assertThat(failedCalls).hasSize(1);
    assertThat(store.count()).isEqualTo(1);
    assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
  }
}
