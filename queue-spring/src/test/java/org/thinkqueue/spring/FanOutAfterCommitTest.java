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
package org.thinkqueue.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.ReservedJob;

/**
 * A publish inside a Spring transaction on a connection that cannot join it (memory here, Redis in
 * {@link RedisFanOutAfterCommitIT}): held until the commit and written then as one unit, dropped on
 * rollback; outside a transaction, written at once.
 */
class FanOutAfterCommitTest {
  static final String EVENT = "user.registered";
  private final String base = "fo_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> queues = List.of(base + "_email", base + "_sales", base + "_tidio");
  private final MemoryConnector memory = new MemoryConnector();
  private HikariDataSource db;
  private TransactionTemplate tx;
  private QueueManager manager;

  private JobRegistry registry() {
    JobRegistry registry = new JobRegistry();
    registry.subscribe(EVENT, "FoWelcomeEmail", queues.get(0));
    registry.subscribe(EVENT, "FoSalesRepMessage", queues.get(1));
    registry.subscribe(EVENT, "FoMarketingPush", queues.get(2));
    return registry;
  }

  @BeforeEach
  void setUp() {
    db = new HikariDataSource();
    db.setJdbcUrl("jdbc:h2:mem:fo" + UUID.randomUUID().toString().substring(0, 8));
    tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    manager =
        QueueManager.builder()
            .connection("memory", TransactionAwarePushes.afterCommit("memory", memory))
            .registry(registry())
            .build();
  }

  @AfterEach
  void tearDown() {
    manager.close();
    db.close();
  }

  private long jobs() {
    return queues.stream().mapToLong(q -> memory.size(q).total()).sum();
  }

  @Test
  void aRolledBackPublishWritesNothing() {
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      assertThat(manager.publish(EVENT, Map.of("user", 1))).hasSize(3);
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(jobs()).isZero();
  }

  @Test
  void aCommittedPublishIsWrittenAfterTheCommitWithTheIdsItReturned() {
    List<String> ids =
        tx.execute(
            s -> {
              List<String> returned = manager.publish(EVENT, Map.of("user", 2));
              assertThat(jobs()).as("inside the transaction").isZero();
              return returned;
            });
    for (int i = 0; i < 3; i++) {
      assertThat(memory.size(queues.get(i))).isEqualTo(new QueueSize(1, 0, 0));
      List<ReservedJob> job = memory.pop(queues.get(i), 1);
      assertThat(job.get(0).id()).isEqualTo(ids.get(i));
    }
  }

  @Test
  void withoutATransactionThePublishIsWrittenAtOnce() {
    manager.publish(EVENT, Map.of("user", 3));
    assertThat(jobs()).isEqualTo(3);
  }

  @Test
  void theWrappedConnectorKeepsTheAtomicPushCapability() {
    assertThat(manager.connection().connector()).isInstanceOf(AtomicPush.class);
    assertThat(manager.connection().supportsAtomicPush()).isTrue();
    assertThat(TransactionAwarePushes.immediate("memory", memory)).isInstanceOf(AtomicPush.class);
  }

  @Test
  void aDeferredPublishThatFailsAfterTheCommitKeepsEveryJobInTheFailedJobStore() {
    MemoryFailedJobStore failed = new MemoryFailedJobStore();
    Connector refusing =
        TransactionAwarePushes.afterCommit("refusing", new RefusingConnector(), () -> failed);
    try (QueueManager m =
        QueueManager.builder().connection("refusing", refusing).registry(registry()).build()) {
      List<String> ids = tx.execute(s -> m.publish(EVENT, Map.of("user", 4)));

      List<FailedJob> kept = failed.list(0, 10);
      assertThat(kept).hasSize(3);
      assertThat(kept)
          .extracting(f -> Payload.parse(f.payload()).id())
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(kept).extracting(FailedJob::queue).containsExactlyInAnyOrderElementsOf(queues);
    }
  }

  /** A store reached that refuses every write. */
  private static final class RefusingConnector implements Connector, AtomicPush {
    @Override
    public WireFormat wireFormat() {
      return WireFormat.V3;
    }

    @Override
    public boolean payloadCarriesIdAndAttempts() {
      return true;
    }

    @Override
    public String pushRaw(String queue, String payload, Duration delay) {
      throw new QueueDataException("refused", null);
    }

    @Override
    public List<String> pushAll(List<RawPush> pushes) {
      throw new QueueDataException("refused", null);
    }

    @Override
    public List<ReservedJob> pop(String queue, int max) {
      return List.of();
    }

    @Override
    public void delete(ReservedJob job) {}

    @Override
    public void release(ReservedJob job, Duration delay) {}

    @Override
    public QueueSize size(String queue) {
      return new QueueSize(0, 0, 0);
    }

    @Override
    public Duration retryAfter() {
      return null;
    }

    @Override
    public void close() {}
  }
}
