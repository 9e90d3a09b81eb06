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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConfigurationException;

/** The start-up check of the Jedis version, on version strings as Jedis jars carry them. */
class JedisVersionTest {
  @ParameterizedTest
  @ValueSource(strings = {"5.2.0", "5.0.0-beta1", "4.4.8", "3.10.0", "2.9.0", "5.99.99"})
  void refusesJedisOlderThanSixNamingFoundAndNeededVersionsAndTheProperty(String version) {
    assertThatThrownBy(() -> JedisVersion.check(version))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Jedis " + version + " is on the classpath")
        .hasMessageContaining("Jedis 6.0.0 or later")
        .hasMessageContaining("jedis.version");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"6.0.0", "6.2.1", "7.0.0", "7.1.0-SNAPSHOT", "8.0.2", "9.0.0", "10.1.0-rc1"})
  void acceptsSixAndLater(String version) {
    assertThatCode(() -> JedisVersion.check(version)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"unknown", "${project.version}", "8", "x.y.z"})
  void letsAnUnknownVersionThrough(String version) {
    assertThatCode(() -> JedisVersion.check(version)).doesNotThrowAnyException();
  }

  @Test
  void aLinkageErrorBecomesAConfigurationErrorNamingTheVersionsAndTheProperty() {
    NoSuchMethodError cause =
        new NoSuchMethodError(
            "'boolean redis.clients.jedis.util.JedisURIHelper.hasDbIndex(java.net.URI)'");
    ConfigurationException e = JedisVersion.incompatible("6.0.0", cause);
    assertThat(e)
        .hasCause(cause)
        .hasMessageContaining("Jedis 6.0.0 on the classpath")
        .hasMessageContaining("hasDbIndex")
        .hasMessageContaining("Jedis 6.0.0 or later")
        .hasMessageContaining("jedis.version");
    assertThat(JedisVersion.incompatible(null, cause)).hasMessageContaining("version unknown");
  }

  @Test
  void detectsTheJedisThisBuildRunsOn() {
    String expected = System.getProperty("jedis.expectedVersion");
    assertThat(JedisVersion.detected()).matches("\\d+\\.\\d+\\.\\d+.*");
    if (expected != null && !expected.isEmpty()) {
      assertThat(JedisVersion.detected()).isEqualTo(expected);
    }
  }
}
