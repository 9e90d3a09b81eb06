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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.WorkerContract;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker contract on a real 3-master Redis Cluster with 3.x keys (one slot per queue by its
 * hash tag).
 */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterWorkerContractIT extends WorkerContract {
  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<UnifiedJedis> clients = new CopyOnWriteArrayList<>();

  RedisClusterWorkerContractIT() {
    super(2_000, true, true);
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // A connector built on a given client does not own it; cleanUp closes it after the connector.
    UnifiedJedis client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder()
        .client(client)
        .wireFormat(WireFormat.V3)
        .prefix(prefix)
        .retryAfter(retryAfter)
        .build();
  }

  @Override
  protected void cleanUp() {
    clients.forEach(UnifiedJedis::close);
    clients.clear();
  }
}
