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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import redis.clients.jedis.UnifiedJedis;

/**
 * The unique-jobs contract on a real 3-master Redis Cluster, once per wire format: a unique key
 * shares its queue's hash slot, so the push and delete scripts never cross slots. 1.x keys share
 * one only through a {@code {tag}} in the queue name, so every 1.x test queue has one.
 */
@ExtendWith(RedisClusterExtension.class)
@ParameterizedClass
@EnumSource(WireFormat.class)
class RedisClusterUniqueJobsIT extends RedisUniqueJobsSupport {
  private final List<UnifiedJedis> clients = new CopyOnWriteArrayList<>();

  RedisClusterUniqueJobsIT(WireFormat format) {
    super(format);
  }

  @Override
  protected String newQueueName() {
    return format == WireFormat.V1 ? "{" + super.newQueueName() + "}" : super.newQueueName();
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // A connector built on a given client does not own it: closed after the test.
    UnifiedJedis client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder()
        .client(client)
        .wireFormat(format)
        .retryAfter(retryAfter)
        .build();
  }

  @Override
  UnifiedJedis newAdmin() {
    return RedisClusterExtension.newClient();
  }

  @Override
  protected void cleanUp(List<String> queues) {
    try {
      super.cleanUp(queues);
    } finally {
      clients.forEach(UnifiedJedis::close);
      clients.clear();
    }
  }
}
