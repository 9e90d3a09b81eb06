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
package org.thinkqueue.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksThePasswordOfAUriAndKeepsTheRest() {
    assertThat(
            Redaction.secrets(
                "Invalid value for 'uri': redis://u:S3cr3t@127.0.0.1:notaport/0 (bad port)"))
        .isEqualTo("Invalid value for 'uri': redis://u:****@127.0.0.1:notaport/0 (bad port)");
    assertThat(Redaction.secrets("rediss://:S3cr3t@h:6380")).isEqualTo("rediss://:****@h:6380");
    assertThat(Redaction.secrets("redis://S3cr3t@h")).isEqualTo("redis://****@h");
  }

  @Test
  void masksPasswordsWithRawSpecialCharactersInMalformedUris() {
    String out = Redaction.secrets("'redis://u:p@ss/w0rd@h:1/0'");
    assertThat(out).doesNotContain("ss/w0rd").doesNotContain("p@ss").contains("@h:1/0");
  }

  @Test
  void masksJdbcPasswordParameters() {
    assertThat(Redaction.secrets("jdbc:postgresql://h/db?user=a&password=S3cr3t&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=****&ssl=true");
    assertThat(Redaction.secrets("jdbc:mariadb://root:S3cr3t@h/db"))
        .isEqualTo("jdbc:mariadb://root:****@h/db");
    assertThat(Redaction.secrets("jdbc:sqlserver://h;user=a;Password=S3cr3t;db=x"))
        .isEqualTo("jdbc:sqlserver://h;user=a;Password=****;db=x");
  }

  @Test
  void leavesTextWithoutSecretsAlone() {
    assertThat(Redaction.secrets("redis://127.0.0.1:6379/0 and user@example.com"))
        .isEqualTo("redis://127.0.0.1:6379/0 and user@example.com");
    assertThat(Redaction.secrets(null)).isNull();
  }
}
