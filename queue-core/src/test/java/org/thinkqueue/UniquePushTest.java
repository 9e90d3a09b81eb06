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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobOptions.UniqueUntil;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spi.TransactionalPush;
import org.thinkqueue.spi.TransactionalUniquePush;
import org.thinkqueue.spi.UniquePush;
import org.thinkqueue.testing.RecordingConnector;
import org.thinkqueue.worker.Worker;

/**
 * The producer's side of unique jobs, on the memory driver and stand-ins: the payload fields and
 * their place, the refusal on a driver without the capability, the transactional path, and the
 * worker freeing a key held until processing.
 */
class UniquePushTest {
  private static final String ID = "\"id\":\"[0-9a-zA-Z]{32}\"";

  @Test
  void aUniquePayloadCarriesKeyAndModeAfterDataAndBeforeIdAndAttempts() {
    MemoryConnector v3 = new MemoryConnector();
    MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).build();
    QueueManager m = QueueManager.builder().connection("v3", v3).connection("v1", v1).build();

    m.push("j", "d", "q", JobOptions.uniqueKey("k\"1").withMaxTries(2));
    m.connection("v1")
        .push("j", "d", "q", JobOptions.uniqueKey("k").withUniqueUntil(UniqueUntil.PROCESSING));
    m.push("j", "d", "q");

    assertThat(v3.readyPayloads("q").get(0))
        .matches(
            "\\{\"job\":\"j\",\"maxTries\":2,\"timeout\":null,\"data\":\"d\","
                + "\"uniqueKey\":\"k\\\\\"1\",\"uniqueUntil\":\"processed\","
                + ID
                + ",\"attempts\":0}");
    assertThat(v1.readyPayloads("q").get(0))
        .matches(
            "\\{\"job\":\"j\",\"data\":\"d\",\"uniqueKey\":\"k\",\"uniqueUntil\":\"processing\","
                + ID
                + ",\"attempts\":1}");
    assertThat(v3.readyPayloads("q").get(1))
        .as("a plain push next to it")
        .matches(
            "\\{\"job\":\"j\",\"maxTries\":null,\"timeout\":null,\"data\":\"d\","
                + ID
                + ",\"attempts\":0}");
  }

  @Test
  void listenersFieldsComeAfterTheKeyAndCannotSetIt() {
    MemoryConnector memory = new MemoryConnector();
    List<String> pushedIds = new ArrayList<>();
    PushListener tracing =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            job.putField("traceparent", "00-abc-01");
          }

          @Override
          public void onPushed(OutgoingJob job, String id) {
            pushedIds.add(id);
          }
        };
    QueueManager m = QueueManager.builder().connection("m", memory).pushListener(tracing).build();

    String id = m.push("j", 1, "q", JobOptions.uniqueKey("k"));
    assertThat(m.push("j", 2, "q", JobOptions.uniqueKey("k"))).isEqualTo(id);

    assertThat(memory.readyPayloads("q"))
        .singleElement()
        .asString()
        .contains(
            "\"data\":1,\"uniqueKey\":\"k\",\"uniqueUntil\":\"processed\",\"traceparent\":\"00-abc-01\",");
    assertThat(pushedIds)
        .as("a push that found the key held reports that job")
        .containsExactly(id, id);
    OutgoingJob out = new OutgoingJob("m", "q", "j", Duration.ZERO);
    assertThatThrownBy(() -> out.putField("uniqueKey", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> out.putField("uniqueUntil", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDriverWithoutTheCapabilityIsRefusedBeforeAnythingIsWritten() {
    RecordingConnector plain = new RecordingConnector(WireFormat.V3, true);
    List<OutgoingJob> told = new CopyOnWriteArrayList<>();
    PushListener listener =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            told.add(job);
          }
        };
    QueueManager m = QueueManager.builder().connection("rec", plain).pushListener(listener).build();

    assertThatThrownBy(() -> m.push("j", "d", "q", JobOptions.uniqueKey("k")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'rec'")
        .hasMessageContaining(RecordingConnector.class.getName())
        .hasMessageContaining("UniquePush");
    assertThatThrownBy(
            () -> m.later(Duration.ofSeconds(5), "j", "d", "q", JobOptions.uniqueKey("k")))
        .isInstanceOf(ConfigurationException.class);
    assertThat(plain.pushed()).isEmpty();
    assertThat(told).isEmpty();
    m.push("j", "d", "q", JobOptions.maxTries(1));
    assertThat(plain.pushed()).hasSize(1);
  }

  @Test
  void aTransactionalUniquePushGoesThroughTheCallersConnectionWithItsKey() {
    MemoryConnector memory = new MemoryConnector();
    Connection jdbc = (Connection) stub(Connection.class);
    List<Object[]> calls = new ArrayList<>();
    Connector txUnique =
        forwarding(
            memory,
            TransactionalUniquePush.class,
            (method, args) -> {
              calls.add(args);
              return method.getName().equals("pushUnique")
                  ? new UniquePush.Pushed("held-id", false)
                  : "tx-id";
            });
    Connector txOnly = forwarding(memory, TransactionalPush.class, (method, args) -> "tx-id");
    QueueConnection unique = QueueManager.builder().connection("u", txUnique).build().connection();
    QueueConnection plainTx = QueueManager.builder().connection("p", txOnly).build().connection();

    JobOptions options = JobOptions.uniqueKey("k").withUniqueFor(Duration.ofMinutes(5));
    assertThat(unique.push(jdbc, "j", "d", "q", options)).isEqualTo("held-id");
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)[0]).isSameAs(jdbc);
    assertThat(calls.get(0)[1]).isEqualTo("q");
    assertThat((String) calls.get(0)[2]).contains("\"uniqueKey\":\"k\"");
    assertThat(calls.get(0)[4]).isEqualTo("k");
    assertThat(calls.get(0)[5]).isEqualTo(Duration.ofMinutes(5));
    assertThat(unique.push(jdbc, "j", "d", "q")).as("a plain one").isEqualTo("tx-id");

    assertThatThrownBy(() -> plainTx.push(jdbc, "j", "d", "q", options))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inside a JDBC transaction")
        .hasMessageContaining("TransactionalUniquePush");
    assertThat(memory.size("q").total()).isZero();
  }

  @Test
  void keyOfReadsOnlyTheTopLevelField() {
    assertThat(UniquePush.keyOf("{\"job\":\"j\",\"data\":1}")).isNull();
    assertThat(UniquePush.keyOf("{\"job\":\"j\",\"data\":{\"uniqueKey\":\"inner\"}}")).isNull();
    assertThat(UniquePush.keyOf("{\"job\":\"j\",\"data\":1,\"uniqueKey\":\"k\"}")).isEqualTo("k");
    assertThat(UniquePush.keyOf("{\"job\":\"j\",\"uniqueKey\":\"k\"")).as("malformed").isNull();
    assertThat(UniquePush.keyOf("{\"job\":\"j\",\"uniqueKey\":7}")).isNull();
    assertThat(UniquePush.keyOf(null)).isNull();
  }

  @Test
  void aKeyThatCannotBeFreedAtTheStartLeavesTheAttemptRunningAndIsFreedAtItsEnd() {
    MemoryConnector memory = new MemoryConnector();
    Connector failingRelease =
        forwarding(
            memory,
            UniquePush.class,
            (method, args) -> {
              if (method.getName().equals("releaseUnique")) {
                throw ConnectionException.transientFailure("store away", null);
              }
              return method.invoke(memory, args);
            });
    List<String> seen = new CopyOnWriteArrayList<>();
    QueueManager m =
        QueueManager.builder()
            .connection("m", failingRelease)
            .registry(new JobRegistry().handle("j", String.class, seen::add))
            .failedJobStore(new MemoryFailedJobStore())
            .build();
    JobOptions options = JobOptions.uniqueKey("k").withUniqueUntil(UniqueUntil.PROCESSING);
    String first = m.push("j", "a", "q", options);
    try (Worker w = Worker.builder().manager(m).queues("q").build()) {
      assertThat(w.runOnce()).isTrue();
    }
    assertThat(seen).containsExactly("a");
    assertThat(m.push("j", "b", "q", options)).as("freed by the delete").isNotEqualTo(first);
  }

  @FunctionalInterface
  private interface Call {
    Object call(java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  /** The memory connector, with the methods of {@code capability} answered by {@code call}. */
  private static Connector forwarding(MemoryConnector memory, Class<?> capability, Call call) {
    return (Connector)
        Proxy.newProxyInstance(
            UniquePushTest.class.getClassLoader(),
            new Class<?>[] {Connector.class, capability},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() != Connector.class
                  && method.getDeclaringClass() != Object.class
                  && method.getDeclaringClass().isAssignableFrom(capability)) {
                return call.call(method, args);
              }
              try {
                return method.invoke(memory, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static Object stub(Class<?> type) {
    return Proxy.newProxyInstance(
        UniquePushTest.class.getClassLoader(),
        new Class<?>[] {type},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException("not used: " + method.getName());
        });
  }
}
