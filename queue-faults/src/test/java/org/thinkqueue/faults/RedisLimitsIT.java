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

import java.time.Duration;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.RedisClient;

@RequiresService(Service.REDIS)
class RedisLimitsIT extends LimitsSuite {
  RedisLimitsIT() {
    super("Redis");
  }

  @Override
  Target target(String uid) {
    return new Target(Target.Kind.REDIS, Services.redisUri().toString(), uid, uid + ":failed");
  }

  @Override
  void cleanUp(Target target) {
    // The limiter's keys expire by themselves within a lease; the queue's go now.
    try (RedisClient admin = RedisClient.create(target.url())) {
      String q = "{queues:" + target.queue() + "}";
      String f = "{" + target.store() + "}";
      admin.del(
          q, q + ":delayed", q + ":reserved", q + ":notify", f + ":seq", f + ":jobs", f + ":index");
    }
  }

  @Override
  Duration rateMaxDelay() {
    return Duration.ofMillis(100);
  }
}
