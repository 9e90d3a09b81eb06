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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.redis.internal.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The fan-out contract on a real 3-master Redis Cluster, both wire formats: one script writes every
 * subscriber's job, so the subscriber queues share a hash tag at the start of their names ({@code
 * {fo_x}q0}, {@code {fo_x}q1}, ...). Queues whose keys hash to different slots are refused up
 * front, naming the queues and the fix.
 */
@ExtendWith(RedisClusterExtension.class)
@ParameterizedClass
@EnumSource(WireFormat.class)
class RedisClusterFanOutIT extends RedisFanOutSupport {
  RedisClusterFanOutIT(WireFormat format) {
    super(format);
  }

  @Override
  UnifiedJedis newClient() {
    return RedisClusterExtension.newClient();
  }

  @Override
  protected List<String> newQueueNames(int n) {
    String tag = "{fo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "}";
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(tag + "q" + i);
    }
    return names;
  }

  /** Queues each valid on a Cluster alone (1.x: a tag of its own), on different slots. */
  private List<String> queuesOnDifferentSlots(int n) {
    List<String> names = new ArrayList<>();
    Set<Integer> slots = new HashSet<>();
    while (names.size() < n) {
      String q = "fo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      if (format() == WireFormat.V1) {
        q = "{" + q + "}";
      }
      if (slots.add(JedisClusterCRC16.getSlot(RedisKeys.ready(format(), q)))) {
        names.add(q);
      }
    }
    return names;
  }

  @Test
  void queuesOnDifferentSlotsAreRefusedNamingThemAndTheFixAndNothingIsWritten() {
    List<String> untagged = queuesOnDifferentSlots(3);
    queues.addAll(untagged); // cleaned up with the test's own
    JobRegistry registry = new JobRegistry();
    for (int i = 0; i < 3; i++) {
      registry.subscribe(event, JOBS.get(i), untagged.get(i));
    }
    QueueManager m = manager(registry);

    assertThatThrownBy(() -> m.publish(event, user(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(untagged.get(0))
        .hasMessageContaining(untagged.get(1))
        .hasMessageContaining(untagged.get(2))
        .hasMessageContaining("same {tag}");

    for (String q : untagged) {
      assertThat(m.size(q).total()).as("jobs on %s", q).isZero();
    }
  }
}
