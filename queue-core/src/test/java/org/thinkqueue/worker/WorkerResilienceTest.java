package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.memory.MemoryFailedJobStore;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.QueueSize;
import org.thinkqueue.spi.ReservedJob;

/** The poll loop survives a failing store, and a job whose failure cannot be recorded is not lost. */
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
  void pollLoopKeepsGoingWhenReservingFails() {
    FlakyConnector connector = new FlakyConnector();
    connector.popFailures.set(3);
    JobRegistry registry = new JobRegistry();
    List<String> seen = new CopyOnWriteArrayList<>();
    registry.handle("Record", String.class, seen::add);
    QueueManager manager = QueueManager.builder().connection("flaky", connector).registry(registry).build();
    manager.push("Record", "a", QUEUE);

    try (Worker worker = Worker.builder().manager(manager).queues(QUEUE).sleep(Duration.ofMillis(50))
        .stopGrace(Duration.ofMillis(500)).build()) {
      Thread poll = worker.start();

      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      assertThat(connector.pops.get()).isGreaterThan(3);
      assertThat(poll.isAlive()).isTrue();
    }
    assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void jobWhoseFailureCannotBeRecordedIsReleasedNotLost() {
    MemoryConnector connector = new MemoryConnector();
    BrokenFailedStore store = new BrokenFailedStore();
    JobRegistry registry = new JobRegistry();
    List<Throwable> failedCalls = new CopyOnWriteArrayList<>();
    registry.register("Bad", new org.thinkqueue.JobHandler<String>() {
      @Override
      public void fire(org.thinkqueue.Job job, String data) {
        throw new IllegalStateException("broken");
      }

      @Override
      public void failed(String data, Throwable cause) {
        failedCalls.add(cause);
      }
    });
    QueueManager manager = QueueManager.builder().connection("memory", connector).registry(registry)
        .failedJobStore(store).build();
    String id = manager.push("Bad", "d", QUEUE);

    try (Worker worker = Worker.builder().manager(manager).queues(QUEUE).tries(1).build()) {
      assertThat(worker.runOnce()).isTrue();

      assertThat(connector.readyPayloads(QUEUE)).singleElement().asString().contains(id);
      assertThat(failedCalls).isEmpty();
      assertThat(store.count()).isZero();

      store.broken.set(false);
      assertThat(worker.runOnce()).isTrue();
    }
    assertThat(failedCalls).hasSize(1);
    assertThat(store.count()).isEqualTo(1);
    assertThat(connector.size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
  }
}
