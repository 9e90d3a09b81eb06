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

import org.junit.jupiter.api.Test;
import org.thinkqueue.redis.internal.JedisVersion;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/**
 * The Jedis these tests run on is the one the build asked for ({@code jedis.expectedVersion}: the
 * compat modules' 6.0.0 and 7.0.0, or {@code -Djedis.version}), and a connector builds on it: Jedis
 * 6.0.0 used to fail here with a NoSuchMethodError (issue #12).
 */
@RequiresService(Service.REDIS)
class RedisJedisVersionIT {
  @Test
  void runsOnTheExpectedJedisAndBuildsAConnector() {
    String expected = System.getProperty("jedis.expectedVersion", "");
    if (!expected.isEmpty()) {
      assertThat(JedisVersion.detected()).isEqualTo(expected);
    }
    try (RedisConnector connector =
        RedisConnector.builder().uri(Services.redisUri().toString()).build()) {
      assertThat(connector.client().ping()).isEqualTo("PONG");
      assertThat(connector.size("hr-jedis-version").total()).isZero(); // a pipeline
    }
  }
}
