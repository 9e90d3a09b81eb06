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
package org.thinkqueue.faults;

import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The unique-push test on the shared Redis (3.x keys: {@code {queues:Q}:unique:KEY}). */
@RequiresService(Service.REDIS)
class RedisUniquePushThroughputIT extends UniquePushThroughputSuite {
  RedisUniquePushThroughputIT() {
    super("Redis");
  }

  @Override
  Backend backend() {
    return new RedisBackend(Services.redisUri().toString());
  }

  @Override
  long heldKeys(Backend backend) {
    return keys(backend).size();
  }

  @Override
  void dropKeys(Backend backend) {
    List<String> keys = keys(backend);
    if (!keys.isEmpty()) {
      try (RedisClient admin = RedisClient.create(Services.redisUri().toString())) {
        admin.del(keys.toArray(String[]::new));
      }
    }
  }

  private static List<String> keys(Backend backend) {
    List<String> keys = new ArrayList<>();
    try (RedisClient admin = RedisClient.create(Services.redisUri().toString())) {
      ScanParams match =
          new ScanParams().match("{queues:" + backend.target().queue() + "}:unique:*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = admin.scan(cursor, match);
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return keys;
  }
}
