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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RetryPolicyContract;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.UnifiedJedis;

/** The retry-policy contract on the shared Redis: each test's queue keys are deleted after it. */
abstract class RedisRetryPolicySupport extends RetryPolicyContract {
  private final WireFormat format;
  private final Set<String> queues = ConcurrentHashMap.newKeySet();

  RedisRetryPolicySupport(WireFormat format) {
    this.format = format;
  }

  @Override
  protected String newQueueName() {
    String q = super.newQueueName();
    queues.add(q);
    return q;
  }

  @Override
  protected Connector createConnector() {
    return RedisConnector.builder().uri(Services.redisUri().toString()).wireFormat(format).build();
  }

  @Override
  protected void cleanUp() {
    try (UnifiedJedis admin = TestClients.standalone(Services.redisUri())) {
      for (String q : queues) {
        String ready = RedisQueueFixture.ready(format, q);
        admin.del(ready, ready + ":delayed", ready + ":reserved", ready + ":notify");
      }
    }
  }
}
