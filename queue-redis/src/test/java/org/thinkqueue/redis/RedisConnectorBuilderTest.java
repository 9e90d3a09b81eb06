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

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.RetryAfter;
import redis.clients.jedis.UnifiedJedis;

/** Builder rules that need no server: they refuse before connecting. */
class RedisConnectorBuilderTest {
  /**
   * A pooled client on a port nothing listens on: it opens no connection until used, and is never
   * used here.
   */
  private static UnifiedJedis unusedClient() {
    return TestClients.standalone(java.net.URI.create("redis://127.0.0.1:1"));
  }

  @Test
  void clientTogetherWithConnectionSettingsIsRefusedNamingBoth() {
    try (UnifiedJedis client = unusedClient()) {
      assertThatThrownBy(
              () ->
                  RedisConnector.builder()
                      .uri("redis://u:S3cr3t@127.0.0.1:6379/0")
                      .client(client)
                      .build())
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("client"))
          .hasMessageContaining("uri")
          .hasMessageNotContaining("S3cr3t");
      assertThatThrownBy(
              () -> RedisConnector.builder().client(client).password("pw").tls(true).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("client")
          .hasMessageContaining("password, tls");
      assertThatThrownBy(
              () ->
                  RedisConnector.builder()
                      .client(client)
                      .trustStore(Path.of("does-not-matter.p12"), null)
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("trustStore");
    }
  }

  @Test
  void retryAfterFollowsTheOneRuleForEveryConnector() {
    assertThat(RedisConnector.DEFAULT_RETRY_AFTER).isEqualTo(RetryAfter.DEFAULT);
    assertThatThrownBy(() -> RedisConnector.builder().retryAfter(Duration.ofMillis(1999)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("retryAfter"))
        .hasMessageContaining("PT1.999S")
        .hasMessageContaining("at least 2 s");
    assertThatThrownBy(() -> RedisConnector.builder().retryAfter(Duration.ofMillis(2500)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("retryAfter"))
        .hasMessageContaining("PT2.5S")
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> RedisConnector.builder().expire(Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("retryAfter"));
    assertThat(RedisConnector.builder().retryAfter(Connector.MIN_RETRY_AFTER).retryAfter(null))
        .isNotNull();
  }
}
