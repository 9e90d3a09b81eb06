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
package org.thinkqueue.redis.internal;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A pooled standalone client, built the same way on every supported Jedis: what {@code JedisPooled}
 * (Jedis 6 and 7) and {@code RedisClient} (Jedis 7.1 and 8) are, through the one constructor all of
 * them have. Commands run once on a pooled connection, with no retries.
 */
final class PooledRedisClient extends UnifiedJedis {
  PooledRedisClient(
      HostAndPort address, JedisClientConfig config, GenericObjectPoolConfig<Connection> pool) {
    super(new PooledConnectionProvider(address, config, pool), config.getRedisProtocol());
  }
}
