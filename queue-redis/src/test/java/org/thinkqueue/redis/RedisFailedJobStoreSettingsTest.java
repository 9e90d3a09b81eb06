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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import redis.clients.jedis.UnifiedJedis;

/**
 * The store's constructor refuses what it cannot use before any key is touched (no server needed).
 */
class RedisFailedJobStoreSettingsTest {
  @Test
  void refusesMissingPartsAndKeyNamesThatBreakTheHashTag() {
    try (UnifiedJedis client = TestClients.standalone(java.net.URI.create("redis://127.0.0.1:1"))) {
      assertThatThrownBy(() -> new RedisFailedJobStore(null))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("redis"));
      assertThatThrownBy(() -> new RedisFailedJobStore(client, "failed", null))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("clock"));
      assertThatThrownBy(() -> new RedisFailedJobStore(client, "a{b}", Clock.systemUTC()))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("name"))
          .hasMessageContaining("a{b}");
      assertThat(new RedisFailedJobStore(client, "app:failed", Clock.systemUTC()))
          .hasToString("RedisFailedJobStore{name=app:failed}");
    }
  }
}
