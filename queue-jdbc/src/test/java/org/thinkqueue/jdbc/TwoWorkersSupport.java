package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.QueueSize;
import org.thinkqueue.worker.Worker;

/** Two workers, each with its own connector and manager on one pool, share 10,000 jobs: each runs exactly once. */
abstract class TwoWorkersSupport {
  static final int JOBS = 10_000;
  static final String QUEUE = "contention";

  private TestTables tables;
  private final List<QueueManager> managers = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();

  protected abstract String jdbcUrl();

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::close);
    managers.forEach(QueueManager::close);
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void twoWorkersRunEachOfTenThousandJobsExactlyOnce() {
    tables = new TestTables(jdbcUrl(), getClass().getSimpleName(), 20);
    AtomicIntegerArray runs = new AtomicIntegerArray(JOBS);
    for (int i = 0; i < 2; i++) {
      JdbcConnector connector = tables.connector(WireFormat.V3).build();
      JobRegistry registry = new JobRegistry().handle("Count", Integer.class, runs::incrementAndGet);
      managers.add(QueueManager.builder().connection("database", connector).registry(registry)
          .failedJobStore(connector.failedJobStore()).build());
    }
    List<String> ids = managers.get(0).bulk("Count", IntStream.range(0, JOBS).boxed().toList(), QUEUE);
    assertThat(new HashSet<>(ids)).hasSize(JOBS);
    assertThat(tables.count()).isEqualTo(JOBS);

    for (QueueManager manager : managers) {
      Worker w = Worker.builder().manager(manager).queues(QUEUE).threads(4).sleep(Duration.ofMillis(100))
          .stopGrace(Duration.ofSeconds(2)).build();
      workers.add(w);
      w.start();
    }
    // This test is about exactly-once, not speed: about 20 s on an idle 2-core machine, so the bound leaves room
    // for a busy one (it was 50 s, and CPU hogs beside the build reached it).
    await().atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofMillis(200))
        .until(() -> workers.get(0).processedJobs() + workers.get(1).processedJobs() >= JOBS);
    workers.forEach(Worker::close);

    List<Integer> notOnce = IntStream.range(0, JOBS).filter(i -> runs.get(i) != 1).boxed().toList();
    assertThat(notOnce).as("jobs not run exactly once").isEmpty();
    assertThat(workers.get(0).processedJobs() + workers.get(1).processedJobs()).isEqualTo(JOBS);
    assertThat(workers).allSatisfy(w -> assertThat(w.processedJobs()).as("both workers took part").isPositive());
    assertThat(tables.count()).isZero();
    assertThat(managers.get(0).size(QUEUE)).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(managers.get(0).failed().list(0, 10)).isEmpty();
  }
}
