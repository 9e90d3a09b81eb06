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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.KeyValue;

/** CONFIG GET replies as a raw sendCommand returns them under RESP2 and RESP3. */
class RedisClientFactoryTest {
  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void readsAConfigValueFromEveryReplyShape() {
    String name = "maxmemory-policy";
    assertThat(RedisClientFactory.configValue(List.of(b(name), b("allkeys-lru")), name))
        .isEqualTo("allkeys-lru");
    assertThat(RedisClientFactory.configValue(List.of(KeyValue.of(b(name), b("noeviction"))), name))
        .isEqualTo("noeviction");
    assertThat(RedisClientFactory.configValue(Map.of(b(name), b("volatile-lru")), name))
        .isEqualTo("volatile-lru");
    assertThat(RedisClientFactory.configValue(List.of(), name)).isNull();
    assertThat(RedisClientFactory.configValue(null, name)).isNull();
  }
}
