package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.contract.FailedJobStoreContract;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;
import redis.clients.jedis.RedisClient;

@RequiresService(Service.REDIS)
class RedisFailedJobStoreIT extends FailedJobStoreContract {
  private RedisClient redis;
  private String name;

  @Override
  protected FailedJobStore createEmptyStore() {
    redis = RedisClient.create(Services.redisUri());
    name = "think-queue-test:failed:" + UUID.randomUUID();
    return new RedisFailedJobStore(redis, name, Clock.systemDefaultZone());
  }

  @AfterEach
  void cleanUp() {
    redis.del("{" + name + "}:seq", "{" + name + "}:jobs", "{" + name + "}:index");
    redis.close();
  }

  @Test
  void keepsItsRecordsUnderTheDocumentedKeys() {
    String id = store.record("redis", "q", "{\"job\":\"x\",\"data\":1}", "boom");
    assertThat(redis.hget("{" + name + "}:jobs", id)).contains("\"connection\":\"redis\"").contains("\"fail_time\":");
    assertThat(redis.zscore("{" + name + "}:index", id)).isPositive();
    assertThat(redis.get("{" + name + "}:seq")).isEqualTo(id);
  }

  @Test
  void refusesABadKeyName() {
    assertThatThrownBy(() -> new RedisFailedJobStore(redis, "a{b}", Clock.systemUTC()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("a{b}");
  }
}
