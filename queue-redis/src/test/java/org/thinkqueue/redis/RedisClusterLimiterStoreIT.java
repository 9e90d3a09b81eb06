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

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.testkit.LimiterStoreContract;
import org.thinkqueue.testkit.TimeControl;
import redis.clients.jedis.UnifiedJedis;

@ExtendWith(RedisClusterExtension.class)
class RedisClusterLimiterStoreIT extends LimiterStoreContract {
  private UnifiedJedis redis;

  @Override
  protected LimiterStore createStore() {
    redis = RedisClusterExtension.newClient();
    return new RedisLimiterStore(redis, "lim_" + UUID.randomUUID());
  }

  @Override
  protected TimeControl timeControl() {
    return TimeControl.sleeping();
  }

  @Override
  protected void cleanUp() {
    redis.close();
  }

  @Test
  void keysWithBracesStayInOneSlot() {
    for (String key : new String[] {"a}b", "{x}", "}{", "shop:{1}"}) {
      assertThat(store.acquire(key(key), RateLimit.perSecond(1), Duration.ZERO).isGranted())
          .isTrue();
      String token = store.acquireLease(key(key), 1, Duration.ofSeconds(5)).orElseThrow();
      assertThat(store.renewLease(key(key), token, Duration.ofSeconds(5))).isTrue();
      store.releaseLease(key(key), token);
    }
  }
}
