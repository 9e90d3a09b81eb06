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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.testkit.WorkerContract;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker contract on the shared Redis. Other suites use the server at the same time: each test
 * has its own queues and its own restart key (a prefix of its own), and deletes them afterwards.
 */
@RequiresService(Service.REDIS)
class RedisWorkerContractIT extends WorkerContract {
  private static final WireFormat F = WireFormat.V3;
  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final Set<String> queues = ConcurrentHashMap.newKeySet();

  RedisWorkerContractIT() {
    super(10_000, true, true);
  }

  @Override
  protected String newQueueName() {
    String q = super.newQueueName();
    queues.add(q);
    return q;
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return RedisConnector.builder()
        .uri(Services.redisUri().toString())
        .wireFormat(F)
        .prefix(prefix)
        .retryAfter(retryAfter)
        .build();
  }

  @Override
  protected void cleanUp() {
    try (UnifiedJedis admin = TestClients.standalone(Services.redisUri())) {
      for (String q : queues) {
        String ready = RedisQueueFixture.ready(F, q);
        admin.del(ready, ready + ":delayed", ready + ":reserved", ready + ":notify");
      }
      admin.del(prefix + RedisConnector.RESTART_KEY);
    }
  }
}
