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
package org.thinkqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.QueueManager;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spring.TransactionAwarePushes;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/** Redis connections from their own URL and from spring.data.redis.*. */
@RequiresService(Service.REDIS)
class RedisConnectionsIT {

  @Test
  void fromItsOwnUrl() {
    run("think-queue.connections.redis.url=" + Services.redisUri());
  }

  @Test
  void fromSpringDataRedisUrl() {
    run("spring.data.redis.url=" + Services.redisUri());
  }

  @Test
  void fromSpringDataRedisHostAndPort() {
    URI uri = Services.redisUri();
    run("spring.data.redis.host=" + uri.getHost(), "spring.data.redis.port=" + uri.getPort());
  }

  private static void run(String... connection) {
    String queue = TestApps.unique("hb-redis-");
    TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.redis.type=redis", "think-queue.worker.queues=" + queue)
        .withPropertyValues(connection)
        .withUserConfiguration(TestApps.Handlers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              QueueManager queues = context.getBean(QueueManager.class);
              assertThat(TransactionAwarePushes.unwrap(queues.connection().connector()))
                  .isInstanceOf(RedisConnector.class);
              queues.push(TestApps.EchoJob.class, Map.of("via", "redis"), queue);
              assertThat(context.getBean(TestApps.EchoJob.class).next())
                  .containsEntry("via", "redis");
            });
  }
}
