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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RetryPolicyContract;
import redis.clients.jedis.UnifiedJedis;

/**
 * The retry-policy contract on a real 3-master Redis Cluster with 1.x keys (a {tag} in each queue
 * name keeps its keys in one slot).
 */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterRetryPolicyV1IT extends RetryPolicyContract {
  private final List<UnifiedJedis> clients = new CopyOnWriteArrayList<>();

  @Override
  protected String newQueueName() {
    return "{" + super.newQueueName() + "}";
  }

  @Override
  protected Connector createConnector() {
    // A connector built on a given client does not own it; cleanUp closes it after the connector.
    UnifiedJedis client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder().client(client).wireFormat(WireFormat.V1).build();
  }

  @Override
  protected void cleanUp() {
    clients.forEach(UnifiedJedis::close);
    clients.clear();
  }
}
