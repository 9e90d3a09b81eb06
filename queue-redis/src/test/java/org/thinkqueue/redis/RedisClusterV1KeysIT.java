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
package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.redis.internal.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * 1.x keys of an untagged queue ({@code queues:NAME}, {@code :delayed}, {@code :reserved}) hash to
 * different slots, so the scripts would fail with CROSSSLOT at the first reserve, after pushes had
 * already landed. The connector refuses such a queue before sending anything, naming both fixes.
 */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterV1KeysIT {
  private UnifiedJedis client;
  private RedisConnector connector;
  private QueueManager manager;
  private QueueConnection producer;
  private String queue;

  @BeforeEach
  void setUp() {
    client = RedisClusterExtension.newClient();
    connector = RedisConnector.builder().client(client).wireFormat(WireFormat.V1).build();
    JobRegistry registry = new JobRegistry().handle("v1-job", JsonNode.class, d -> {});
    manager = QueueManager.builder().connection("cluster", connector).registry(registry).build();
    producer = manager.connection();
    queue = "v1-untagged-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void tearDown() {
    manager.close(); // closes the connector, which leaves the client it was given open
    client.close();
  }

  @Test
  void anUntaggedQueueIsRefusedOnPushAndPopAndNothingIsWritten() {
    assertThat(connector.isCluster()).isTrue();
    assertNamesTheFix(() -> producer.push("v1-job", "x", queue));
    assertNamesTheFix(() -> producer.later(Duration.ofSeconds(5), "v1-job", "x", queue));
    assertNamesTheFix(() -> producer.bulk("v1-job", List.of(1, 2, 3), queue));
    assertNamesTheFix(() -> connector.pop(queue, 1));
    assertNamesTheFix(() -> connector.size(queue));
    assertNamesTheFix(() -> connector.awaitWork(List.of(queue), Duration.ofMillis(100)));
    for (String key :
        List.of(
            RedisKeys.ready(WireFormat.V1, queue),
            RedisKeys.delayed(WireFormat.V1, queue),
            RedisKeys.reserved(WireFormat.V1, queue),
            RedisKeys.notify(WireFormat.V1, queue))) {
      assertThat(client.exists(key)).as("key %s written", key).isFalse();
    }
  }

  @Test
  void aTaggedQueueWorks() {
    String tagged = "{" + queue + "}";
    String id = producer.push("v1-job", "x", tagged);
    assertThat(connector.pop(tagged, 1))
        .singleElement()
        .satisfies(j -> assertThat(j.id()).isEqualTo(id));
  }

  private void assertNamesTheFix(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'" + queue + "'")
        .hasMessageContaining("WireFormat.V3")
        .hasMessageContaining("{tag}")
        .hasMessageContaining("'{" + queue + "}'");
  }
}
