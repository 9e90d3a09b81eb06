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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConfigurationException;

/** Our URI parsing, read as Jedis 8's JedisURIHelper reads a URI (it is not on Jedis 6 and 7). */
class RedisUriTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "redis://127.0.0.1:6379, false, 127.0.0.1, 6379, null, null, -1",
        "redis://127.0.0.1:6379/, false, 127.0.0.1, 6379, null, null, -1",
        "redis://h:1/0, false, h, 1, null, null, 0",
        "REDISS://h:6380/15, true, h, 6380, null, null, 15",
        "redis://:S3cr3t@h:6379/2, false, h, 6379, null, S3cr3t, 2",
        "redis://alice:S3cr3t@h:6379/3, false, h, 6379, alice, S3cr3t, 3",
        "redis://alice:@h:6379, false, h, 6379, alice, '', -1",
        "redis://alice:p%40ss:word@h:6379/1, false, h, 6379, alice, p@ss:word, 1",
        "redis://[::1]:6379/4, false, [::1], 6379, null, null, 4",
        "redis://h:6379/5?protocol=3, false, h, 6379, null, null, 5",
      })
  void readsSchemeHostPortUserPasswordAndDatabase(
      String uri, boolean tls, String host, int port, String user, String password, int db) {
    assertThat(RedisUri.parse(uri)).isEqualTo(new RedisUri(tls, host, port, user, password, db));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://h:6379/0",
        "redis://",
        "redis://h/0",
        "redis://h:notaport/0",
        "h:6379",
        "redis://h:6379/x",
        "redis://h:6379/-1",
        "redis://h:6379/0/1",
        "redis://h:6379/99999999999",
        "redis://S3cr3t@h:6379/0",
        "redis://u:S3cr3t@h:6379/ 0",
      })
  void refusesWhatIsNotARedisUriNamingItWithoutThePassword(String uri) {
    assertThatThrownBy(() -> RedisUri.parse(uri))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("uri"))
        .hasMessageNotContaining("S3cr3t");
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://:S3cr3t@h:6379/2", "redis://u:S3cr3t@h:6379"})
  void toStringMasksThePassword(String uri) {
    assertThat(RedisUri.parse(uri).toString()).doesNotContain("S3cr3t").contains("h:6379");
  }
}
