package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.RedisClient;

/** Proves the service lookup finds a Redis that Jedis can talk to; driver ITs build on the same lookup. */
@RequiresService(Service.REDIS)
class RedisServiceIT {

  @Test
  void pingsRedisAtTheLookedUpAddress() {
    try (RedisClient redis = RedisClient.create(Services.redisUri())) {
      assertThat(redis.ping()).isEqualTo("PONG");
    }
  }
}
