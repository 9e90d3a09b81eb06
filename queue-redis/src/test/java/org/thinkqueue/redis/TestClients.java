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

import java.net.URI;
import java.util.Set;
import org.thinkqueue.redis.internal.RedisUri;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * Clients for tests, made through constructors every Jedis queue-redis supports has (6.0 to 8.x):
 * not {@code RedisClient} (7.1 on) nor {@code JedisPooled} (gone in 8), so these tests also run on
 * the Jedis Spring Boot manages ({@code -Djedis.version=6.0.0}, the compat modules). The caller
 * closes what it gets.
 */
public final class TestClients {
  private TestClients() {}

  /** A pooled client for {@code redis://[user:password@]host:port[/db]}. */
  public static UnifiedJedis standalone(URI uri) {
    return standalone(uri, null);
  }

  /** A pooled client for {@code uri} whose connections carry {@code clientName} (or none). */
  public static UnifiedJedis standalone(URI uri, String clientName) {
    RedisUri u = RedisUri.parse(uri.toString());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .clientName(clientName)
            .socketTimeoutMillis(2_000)
            .blockingSocketTimeoutMillis(5_000)
            .database(Math.max(0, u.database()))
            .user(u.user())
            .password(u.password());
    return new Pooled(new HostAndPort(u.host(), u.port()), config.build());
  }

  /** A cluster client (a {@code JedisCluster}) seeded with {@code nodes}. */
  @SuppressWarnings("deprecation") // JedisCluster: RedisClusterClient is absent before Jedis 7.1
  public static UnifiedJedis cluster(Set<HostAndPort> nodes) {
    return new JedisCluster(nodes);
  }

  private static final class Pooled extends UnifiedJedis {
    Pooled(HostAndPort address, JedisClientConfig config) {
      super(new PooledConnectionProvider(address, config), config.getRedisProtocol());
    }
  }
}
