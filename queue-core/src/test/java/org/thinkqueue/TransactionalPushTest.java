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
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.TransactionalPush;

/**
 * The producer API tells whether a connection can push inside the caller's JDBC transaction, and
 * only then does.
 */
class TransactionalPushTest {
  private final MemoryConnector memory = new MemoryConnector();
  private final List<String> throughJdbc = new ArrayList<>();
  private final Connection jdbc =
      (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(
                    "the connector must not use the connection here");
              });

  /** The memory connector with the transactional-push capability, recording what it is handed. */
  private Connector transactional() {
    return (Connector)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connector.class, TransactionalPush.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == TransactionalPush.class) {
                assertThat(args[0]).isSameAs(jdbc);
                throughJdbc.add(args[1] + " " + args[3] + " " + args[2]);
                return "tx-id";
              }
              try {
                return method.invoke(memory, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aConnectionWhoseDriverCannotSaysSoAndRefusesTheTransactionalPush() {
    QueueConnection queue =
        QueueManager.builder().connection("memory", memory).build().connection();

    assertThat(queue.supportsTransactionalPush()).isFalse();
    assertThatThrownBy(() -> queue.push(jdbc, "job", "data", "q"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("memory");
    assertThat(memory.size("q").total()).isZero();
  }

  @Test
  void aConnectionWhoseDriverCanPushesThroughTheCallersConnection() {
    QueueConnection queue =
        QueueManager.builder().connection("tx", transactional()).build().connection();

    assertThat(queue.supportsTransactionalPush()).isTrue();
    assertThat(queue.push(jdbc, "job", "data", "q")).isEqualTo("tx-id");
    assertThat(queue.later(jdbc, 5, "job", "later", null)).isEqualTo("tx-id");

    assertThat(throughJdbc).hasSize(2);
    assertThat(throughJdbc.get(0))
        .startsWith("q PT0S {")
        .contains("\"job\":\"job\"", "\"data\":\"data\"");
    assertThat(throughJdbc.get(1)).startsWith("default PT5S {").contains("\"data\":\"later\"");
    assertThat(memory.size("q").total()).isZero();
  }

  @Test
  void theTransactionalPushValidatesLikeEveryOther() {
    QueueConnection queue =
        QueueManager.builder().connection("tx", transactional()).build().connection();

    assertThatThrownBy(() -> queue.push(null, "job", "data", "q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.push(jdbc, "job", "data", "bad queue"))
        .isInstanceOf(InvalidQueueNameException.class);
    assertThatThrownBy(() -> queue.later(jdbc, Duration.ofSeconds(-1), "job", "data", "q"))
        .isInstanceOf(InvalidDelayException.class);
    assertThat(throughJdbc).isEmpty();
  }
}
