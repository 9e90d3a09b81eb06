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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.JobReleased;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.event.WorkerStarted;
import org.thinkqueue.event.WorkerStopping;
import org.thinkqueue.memory.MemoryConnector;

/**
 * A memory connector on a clock the test moves, a registry, a manager and the workers a test
 * builds, stopped after each test. Reservations expire after {@link #RETRY_AFTER} of
 * <em>connector</em> time, so a test makes one expire with {@link MutableClock#advance(Duration)}
 * instead of waiting.
 */
abstract class WorkerFixture {
  static final String QUEUE = "q";
  static final Duration RETRY_AFTER = org.thinkqueue.spi.Connector.MIN_RETRY_AFTER;

  final MutableClock clock = new MutableClock();
  final MemoryConnector connector =
      MemoryConnector.builder().retryAfter(RETRY_AFTER).clock(clock).build();
  final JobRegistry registry = new JobRegistry();
  final QueueManager manager =
      QueueManager.builder().connection("memory", connector).registry(registry).build();
  final RecordingListener events = new RecordingListener();
  private final List<Worker> workers = new ArrayList<>();

  /**
   * Short timings so that every test ends within a few seconds, and think-queue's immediate release
   * after an exception (tests of the default back-off override it).
   */
  Worker.Builder worker() {
    return Worker.builder()
        .manager(manager)
        .queues(QUEUE)
        .backoff(Backoff.NONE)
        .sleep(Duration.ofMillis(50))
        .timeout(Duration.ofSeconds(5))
        .timeoutGrace(Duration.ofMillis(300))
        .stopGrace(Duration.ofMillis(500))
        .listener(events);
  }

  Worker build(Worker.Builder builder) {
    Worker w = builder.build();
    workers.add(w);
    return w;
  }

  Worker build() {
    return build(worker());
  }

  @AfterEach
  void stopWorkers() {
    for (Worker w : workers) {
      w.close();
    }
    manager.close();
  }

  QueueSize size() {
    return connector.size(QUEUE);
  }

  List<FailedJob> failedRecords() {
    return manager.failed().list(0, 100);
  }

  /** A clock that stands still until the test moves it. */
  static final class MutableClock extends Clock {
    private final AtomicLong millis =
        new AtomicLong(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * A ticker that stands still until the test moves it: the worker's deadlines pass when the test
   * says.
   */
  static final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }
  }

  /**
   * Records every event in order, with the job's id where there is one, and the thread the worker
   * polls on.
   */
  static final class RecordingListener implements WorkerListener {
    final List<Object> all = new CopyOnWriteArrayList<>();
    volatile Thread pollThread;

    @Override
    public void onWorkerStarted(WorkerStarted event) {
      pollThread = Thread.currentThread();
      all.add(event);
    }

    @Override
    public void onJobProcessing(JobProcessing event) {
      all.add(event);
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      all.add(event);
    }

    @Override
    public void onJobExceptionOccurred(JobExceptionOccurred event) {
      all.add(event);
    }

    @Override
    public void onJobFailed(JobFailed event) {
      all.add(event);
    }

    @Override
    public void onJobReleased(JobReleased event) {
      all.add(event);
    }

    @Override
    public void onWorkerStopping(WorkerStopping event) {
      all.add(event);
    }

    <E> List<E> of(Class<E> type) {
      return all.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /** Event class names for one job id, in the order they fired. */
    List<String> namesFor(String jobId) {
      return all.stream()
          .filter(e -> jobId.equals(jobIdOf(e)))
          .map(e -> e.getClass().getSimpleName())
          .collect(Collectors.toList());
    }

    private static String jobIdOf(Object e) {
      if (e instanceof JobProcessing p) {
        return p.job().getId();
      } else if (e instanceof JobProcessed p) {
        return p.job().getId();
      } else if (e instanceof JobExceptionOccurred p) {
        return p.job().getId();
      } else if (e instanceof JobFailed p) {
        return p.job().getId();
      } else if (e instanceof JobReleased p) {
        return p.job().getId();
      }
      return null;
    }
  }
}
