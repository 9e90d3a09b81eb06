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
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.UnifiedJedis;

/** The unique-jobs contract on standalone Redis with 3.x keys and payloads. */
@RequiresService(Service.REDIS)
class RedisUniqueJobsV3IT extends RedisUniqueJobsSupport {
  RedisUniqueJobsV3IT() {
    super(WireFormat.V3);
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return RedisConnector.builder()
        .uri(Services.redisUri().toString())
        .wireFormat(WireFormat.V3)
        .retryAfter(retryAfter)
        .build();
  }

  @Override
  UnifiedJedis newAdmin() {
    return TestClients.standalone(Services.redisUri());
  }
}
