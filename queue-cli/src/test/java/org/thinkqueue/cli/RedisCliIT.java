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
package org.thinkqueue.cli;

import java.util.List;
import java.util.UUID;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.UnifiedJedis;

@RequiresService(Service.REDIS)
class RedisCliIT extends CliContract {
  /**
   * Prefix of this test's restart key and failed-job store, so concurrent tests don't see each
   * other's.
   */
  private final String name = "cli-test-" + UUID.randomUUID().toString().substring(0, 8);

  RedisCliIT() {
    super(true);
  }

  @Override
  protected List<String> backendArgs() {
    return List.of("--redis", Services.redisUri().toString(), "--name", name);
  }

  @Override
  protected void cleanUpBackend() {
    UnifiedJedis redis = ((RedisConnector) app.connector).client();
    for (String pattern : List.of("*" + q + "*", "*" + name + "*")) {
      redis.keys(pattern).forEach(redis::del);
    }
  }
}
