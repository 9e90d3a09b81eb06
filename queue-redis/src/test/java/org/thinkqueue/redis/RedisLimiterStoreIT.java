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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.testkit.LimiterStoreContract;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.testkit.TimeControl;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

@RequiresService(Service.REDIS)
class RedisLimiterStoreIT extends LimiterStoreContract {
  private UnifiedJedis redis;
  private RedisLimiterStore limits;

  @Override
  protected LimiterStore createStore() {
    redis = TestClients.standalone(Services.redisUri());
    limits = new RedisLimiterStore(redis, "lim_" + UUID.randomUUID());
    return limits;
  }

  @Override
  protected TimeControl timeControl() {
    return TimeControl.sleeping();
  }

  @Override
  protected void cleanUp() {
    // Every key expires by itself; the client is the test's.
    redis.close();
  }

  @Test
  void keepsTheStateUnderTheDocumentedKeysWhichExpireWhenIdle() {
    String key = key("shop");
    assertThat(store.acquire(key, RateLimit.perSecond(10), Duration.ZERO).isGranted()).isTrue();
    String token = store.acquireLease(key, 2, Duration.ofSeconds(3)).orElseThrow();

    assertThat(redis.hkeys(limits.rateKey(key))).containsExactlyInAnyOrder("tat", "turn");
    assertThat(redis.pttl(limits.rateKey(key))).isBetween(1L, 1_100L);
    assertThat(redis.zrange(limits.leaseKey(key), 0, -1)).containsExactly(token);
    assertThat(redis.pttl(limits.leaseKey(key))).isBetween(3_000L, 4_000L);

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> redis.exists(limits.rateKey(key)) == false);
  }

  @Test
  void aLimitKeysRedisKeysShareOneHashSlotWhateverBracesItHas() {
    for (String key : new String[] {"shop", "a}b", "{x}", "}{", "shop:{1}"}) {
      assertThat(JedisClusterCRC16.getSlot(limits.leaseKey(key)))
          .as(key)
          .isEqualTo(JedisClusterCRC16.getSlot(limits.rateKey(key)));
      assertThat(store.acquire(key(key), RateLimit.perSecond(1), Duration.ZERO).isGranted())
          .isTrue();
    }
  }

  @Test
  void refusesAMissingClientOrABadNamespace() {
    assertThatThrownBy(() -> new RedisLimiterStore(redis, "a{b"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'namespace': a{b");
    assertThatThrownBy(() -> new RedisLimiterStore(null, "x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'redis'");
    assertThatThrownBy(() -> new RedisLimiterStore((RedisConnector) null))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aConnectorsStoreUsesTheDefaultNamespace() {
    try (RedisConnector connector =
        RedisConnector.builder().uri(Services.redisUri().toString()).checkEviction(false).build()) {
      RedisLimiterStore store = new RedisLimiterStore(connector);
      assertThat(store.rateKey("shopify:acme")).isEqualTo("{think-queue:limit:shopify:acme}:rate");
      String token = store.acquireLease(key("x"), 1, Duration.ofSeconds(1)).orElseThrow();
      store.releaseLease(key("x"), token);
    }
  }
}
