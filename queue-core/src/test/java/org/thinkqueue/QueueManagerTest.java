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
package org.thinkqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.testing.Golden;
import org.thinkqueue.testing.MutableClock;
import org.thinkqueue.testing.RecordingConnector;

class QueueManagerTest {
  private final MemoryConnector v3 = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
  private final MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).build();
  private QueueManager saved;

  @BeforeEach
  void uninstallFacade() throws Exception {
    saved = (QueueManager) facadeField().get(null);
    facadeField().set(null, null);
  }

  @AfterEach
  void restoreFacade() throws Exception {
    facadeField().set(null, saved);
  }

  private static Field facadeField() throws NoSuchFieldException {
    Field f = Queue.class.getDeclaredField("manager");
    f.setAccessible(true);
    return f;
  }

  private QueueManager twoConnections() {
    return QueueManager.builder().connection("redis", v3).connection("legacy", v1).build();
  }

  @Test
  void facadeBeforeUseSaysWhatToDo() {
    assertThatThrownBy(Queue::manager)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Queue.use(");
    assertThatThrownBy(() -> Queue.push("job", "d")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Queue.use(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void facadeDelegatesToTheInstalledManager() {
    QueueManager queues = twoConnections();
    Queue.use(queues);

    assertThat(Queue.manager()).isSameAs(queues);
    String id = Queue.push("job", "d");
    Queue.later(5, "job", "d", "emails");
    Queue.connection("legacy").push("job", "d", "q");

    assertThat(v3.readyPayloads("default")).singleElement().asString().contains(id);
    assertThat(v3.delayedPayloads("emails")).hasSize(1);
    assertThat(Queue.size("emails").delayed()).isEqualTo(1);
    assertThat(v1.readyPayloads("q")).singleElement().asString().endsWith("\"attempts\":1}");
  }

  @Test
  void connectionsByName() {
    QueueManager queues = twoConnections();
    assertThat(queues.defaultConnectionName()).isEqualTo("redis");
    assertThat(queues.connection().connector()).isSameAs(v3);
    assertThat(queues.connection(null).connector()).isSameAs(v3);
    assertThat(queues.connection("legacy").connector()).isSameAs(v1);
    assertThat(queues.connectionNames()).containsExactlyInAnyOrder("redis", "legacy");
    assertThatThrownBy(() -> queues.connection("nope"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("redis")
        .hasMessageContaining("legacy");
  }

  @Test
  void defaultConnectionAndQueueFromTheBuilder() {
    QueueManager queues =
        QueueManager.builder()
            .connection("redis", v3)
            .connection("legacy", v1)
            .defaultConnection("legacy")
            .defaultQueue("{orders}")
            .build();
    queues.push("job", "d");
    assertThat(queues.defaultQueue()).isEqualTo("{orders}");
    assertThat(v1.readyPayloads("{orders}")).hasSize(1);
    assertThat(v3.size("{orders}").total()).isZero();
  }

  @Test
  void builderErrorsNameTheSetting() {
    assertThatThrownBy(() -> QueueManager.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("connections")
        .satisfies(
            e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("connections"));
    assertThatThrownBy(() -> QueueManager.builder().defaultQueue("bad queue"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("defaultQueue")
        .hasMessageContaining("bad queue");
    assertThatThrownBy(() -> QueueManager.builder().defaultQueue(null))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(
            () -> QueueManager.builder().connection("redis", v3).defaultConnection("redsi").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("defaultConnection")
        .hasMessageContaining("redsi")
        .hasMessageContaining("redis");
    assertThatThrownBy(() -> QueueManager.builder().maxPayloadBytes(1023))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxPayloadBytes")
        .hasMessageContaining("1023");
    QueueManager.builder().maxPayloadBytes(1024);
    assertThatThrownBy(() -> QueueManager.builder().connection(" ", v3))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> QueueManager.builder().connection("a", null))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> QueueManager.builder().connection("a", v3).connection("a", v1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'connection name'");
    assertThatThrownBy(() -> QueueManager.builder().failedJobStore(null))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void retryRepushesTheOriginalPayloadWithAttemptsResetV3() {
    QueueManager queues = twoConnections();
    String failedPayload =
        Golden.member("v3.txt", "A2", Golden.SAMPLE_ID); // reserved copy, attempts 1
    String recordId = queues.failed().store().record("redis", "golden-a", failedPayload, "boom");

    assertThat(queues.failed().retry(recordId)).contains(Golden.SAMPLE_ID);

    assertThat(v3.readyPayloads("golden-a"))
        .containsExactly(failedPayload.substring(0, failedPayload.length() - 2) + "0}");
    assertThat(queues.failed().find(recordId)).isEmpty();
    assertThat(queues.failed().count()).isZero();
    assertThat(v1.size("golden-a").total()).isZero();
  }

  @Test
  void retryRepushesOntoTheRecordedConnectionWithAttemptsOneForV1() {
    QueueManager queues = twoConnections();
    String failedPayload =
        Golden.member("v1.txt", "A3", Golden.SAMPLE_ID)
            .replace("\"attempts\":2}", "\"attempts\":3}");
    String recordId = queues.failed().store().record("legacy", "golden-a", failedPayload, "boom");

    assertThat(queues.failed().retry(recordId)).contains(Golden.SAMPLE_ID);

    assertThat(v1.readyPayloads("golden-a"))
        .containsExactly(Golden.member("v1.txt", "A1", Golden.SAMPLE_ID));
    assertThat(v3.size("golden-a").total()).isZero();
    assertThat(queues.failed().count()).isZero();
  }

  @Test
  void retryOfAPayloadWithoutAttemptsKeepsIt() {
    QueueManager queues = twoConnections();
    String payload =
        "{\"job\":\"foo\",\"maxTries\":null,\"timeout\":null,\"data\":[\"data\"],\"id\":\"x\"}";
    String recordId = queues.failed().store().record("redis", "q", payload, "boom");
    queues.failed().retry(recordId);
    assertThat(v3.readyPayloads("q")).containsExactly(payload);
  }

  @Test
  void retryOfUnknownIdIsEmptyAndUnknownConnectionKeepsTheRecord() {
    QueueManager queues = twoConnections();
    assertThat(queues.failed().retry("42")).isEmpty();
    assertThat(queues.failed().retry("not-a-number")).isEmpty();
    assertThat(queues.failed().retry(null)).isEmpty();

    String recordId = queues.failed().store().record("gone", "q", "{\"job\":\"j\"}", "boom");
    assertThatThrownBy(() -> queues.failed().retry(recordId))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gone");
    assertThat(queues.failed().find(recordId)).isPresent();
  }

  @Test
  void failedJobsListForgetAndFlush() {
    MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    QueueManager queues =
        QueueManager.builder()
            .connection("redis", v3)
            .failedJobStore(new MemoryFailedJobStore(clock))
            .build();
    String a = queues.failed().store().record("redis", "q", "{\"job\":\"a\"}", "ea");
    String b = queues.failed().store().record("redis", "q", "{\"job\":\"b\"}", "eb");

    assertThat(queues.failed().list(0, 10)).extracting(FailedJob::id).containsExactly(b, a);
    assertThat(queues.failed().find(a))
        .get()
        .satisfies(
            f -> {
              assertThat(f.jobName()).isEqualTo("a");
              assertThat(f.failedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
              assertThat(f.exception()).isEqualTo("ea");
            });
    assertThatThrownBy(() -> queues.failed().list(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(queues.failed().forget(a)).isTrue();
    assertThat(queues.failed().forget(a)).isFalse();
    queues.failed().flush();
    assertThat(queues.failed().count()).isZero();
  }

  @Test
  void closeClosesEveryConnectorOnce() {
    RecordingConnector a = new RecordingConnector(WireFormat.V3, true);
    RecordingConnector b = new RecordingConnector(WireFormat.V1, false);
    QueueManager queues = QueueManager.builder().connection("a", a).connection("b", b).build();
    queues.close();
    queues.close();
    assertThat(a.closes()).isEqualTo(1);
    assertThat(b.closes()).isEqualTo(1);
  }

  @Test
  void theDefaultFailedJobStoreIsTheDefaultConnectionsOwn() {
    MemoryFailedJobStore configured = new MemoryFailedJobStore();
    assertThat(
            QueueManager.builder()
                .connection("mem", v3)
                .failedJobStore(configured)
                .build()
                .failed()
                .store())
        .isSameAs(configured);
    assertThat(QueueManager.builder().connection("mem", v3).build().failed().store())
        .isInstanceOf(MemoryFailedJobStore.class)
        .hasToString("MemoryFailedJobStore{in memory, lost at restart}");

    // the default connection's store, not the first connection's
    org.thinkqueue.spi.FailedJobStore own = new MemoryFailedJobStore();
    RecordingConnector withStore =
        new RecordingConnector(WireFormat.V3, true) {
          @Override
          public java.util.Optional<org.thinkqueue.spi.FailedJobStore> defaultFailedJobStore() {
            return java.util.Optional.of(own);
          }
        };
    assertThat(
            QueueManager.builder()
                .connection("first", new RecordingConnector(WireFormat.V3, true))
                .connection("second", withStore)
                .defaultConnection("second")
                .build()
                .failed()
                .store())
        .isSameAs(own);
    assertThat(
            QueueManager.builder()
                .connection("first", withStore)
                .connection("second", new RecordingConnector(WireFormat.V3, true))
                .build()
                .failed()
                .store())
        .isSameAs(own);

    // think-queue's usual config: sync (memory only) as the default next to a persistent
    // connection: the persistent
    // store, so failures survive a restart
    org.thinkqueue.spi.FailedJobStore persistent = new DelegatingStore(new MemoryFailedJobStore());
    RecordingConnector withPersistentStore =
        new RecordingConnector(WireFormat.V3, true) {
          @Override
          public java.util.Optional<org.thinkqueue.spi.FailedJobStore> defaultFailedJobStore() {
            return java.util.Optional.of(persistent);
          }
        };
    assertThat(
            QueueManager.builder()
                .connection("sync", v3)
                .connection("redis", withPersistentStore)
                .defaultConnection("sync")
                .build()
                .failed()
                .store())
        .isSameAs(persistent);
    assertThat(
            QueueManager.builder()
                .connection("none", new RecordingConnector(WireFormat.V3, true))
                .connection("mem", withStore)
                .connection("redis", withPersistentStore)
                .build()
                .failed()
                .store())
        .isSameAs(persistent);

    // a connector without a store of its own: memory, so failures are still recorded while the
    // process lives
    QueueManager fallback =
        QueueManager.builder().connection("x", new RecordingConnector(WireFormat.V3, true)).build();
    assertThat(fallback.failed().store()).isInstanceOf(MemoryFailedJobStore.class);
    String id = fallback.failed().store().record("x", "q", "{\"job\":\"j\"}", "boom");
    assertThat(fallback.failed().find(id)).isPresent();
  }

  /**
   * A PHP job of 600 KiB (think-queue has no size limit), as a worker recorded it after its last
   * attempt.
   */
  static String phpJobOf600KiB() {
    return "{\"job\":\"app\\\\job\\\\Import\",\"maxTries\":null,\"timeout\":null,\"data\":{\"rows\":\""
        + "r".repeat(600 * 1024)
        + "\"},\"id\":\""
        + Golden.SAMPLE_ID
        + "\",\"attempts\":3}";
  }

  @Test
  void retryIsNotBlockedByThePushSizeLimit() {
    QueueManager queues = QueueManager.builder().connection("redis", v3).build();
    String payload = phpJobOf600KiB();
    assertThat(payload.length()).isGreaterThan(QueueManager.DEFAULT_MAX_PAYLOAD_BYTES);
    assertThatThrownBy(() -> queues.connection().pushRaw(payload, "imports"))
        .isInstanceOf(PayloadTooLargeException.class);
    String recordId = queues.failed().store().record("redis", "imports", payload, "boom");

    assertThat(queues.failed().retry(recordId)).contains(Golden.SAMPLE_ID);

    assertThat(v3.readyPayloads("imports"))
        .containsExactly(payload.substring(0, payload.length() - "3}".length()) + "0}");
    assertThat(queues.failed().count()).isZero();
  }

  @Test
  void retryOfAnUnreadablePayloadKeepsTheRecord() {
    QueueManager queues = QueueManager.builder().connection("redis", v3).build();
    String recordId = queues.failed().store().record("redis", "q", "not json", "boom");
    assertThatThrownBy(() -> queues.failed().retry(recordId)).isInstanceOf(PayloadException.class);
    assertThat(queues.failed().find(recordId)).isPresent();
    assertThat(v3.size("q").total()).isZero();
  }

  /** Stands for a persistent store: any store that is not a {@link MemoryFailedJobStore}. */
  private static final class DelegatingStore implements org.thinkqueue.spi.FailedJobStore {
    private final org.thinkqueue.spi.FailedJobStore inner;

    DelegatingStore(org.thinkqueue.spi.FailedJobStore inner) {
      this.inner = inner;
    }

    @Override
    public String record(String connection, String queue, String payload, String exception) {
      return inner.record(connection, queue, payload, exception);
    }

    @Override
    public java.util.List<FailedJob> list(int offset, int limit) {
      return inner.list(offset, limit);
    }

    @Override
    public java.util.Optional<FailedJob> find(String id) {
      return inner.find(id);
    }

    @Override
    public boolean forget(String id) {
      return inner.forget(id);
    }

    @Override
    public void flush() {
      inner.flush();
    }

    @Override
    public long count() {
      return inner.count();
    }
  }
}
