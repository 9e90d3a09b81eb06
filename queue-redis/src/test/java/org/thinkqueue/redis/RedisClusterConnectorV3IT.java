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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.ConnectorContract;
import redis.clients.jedis.UnifiedJedis;

/**
 * The whole contract on a real 3-master Redis Cluster with 3.x keys, which share one slot per
 * queue.
 */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterConnectorV3IT extends ConnectorContract {
  private final List<UnifiedJedis> clients = new ArrayList<>();

  RedisClusterConnectorV3IT() {
    super(WireFormat.V3, Capabilities.all());
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // A connector built on a given client does not own it; the test closes it.
    UnifiedJedis client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder()
        .client(client)
        .wireFormat(WireFormat.V3)
        .retryAfter(retryAfter)
        .build();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(UnifiedJedis::close);
    clients.clear();
  }
}
