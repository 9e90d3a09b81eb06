package org.thinkqueue.faults;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/** The fault suite on Redis: the shared server, and a private one (AOF, fsync always) for the outage. */
@RequiresService(Service.REDIS)
class RedisFaultsIT extends FaultSuite {
  RedisFaultsIT() {
    super("Redis", false);
  }

  @Override
  Backend backend() {
    return new RedisBackend(Services.redisUri().toString());
  }

  @Override
  Backend outageBackend() {
    return new RedisBackend(new PrivateRedis());
  }
}
