package org.thinkqueue.faults;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

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
