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

import org.junit.jupiter.api.Test;

/** The id a reservation reports, read from the raw JSON token the reserve script returns. */
class RedisIdTokenTest {
  @Test
  void stringTokensAreUnquotedAndUnescaped() {
    assertThat(RedisReservedJob.idFromToken("\"AbcDEF23\"")).isEqualTo("AbcDEF23");
    assertThat(RedisReservedJob.idFromToken("\"a\\\"b\\u00e9\"")).isEqualTo("a\"bé");
  }

  @Test
  void numbersAreKeptAsTheirDigits() {
    assertThat(RedisReservedJob.idFromToken("12345678901234567890123"))
        .isEqualTo("12345678901234567890123");
  }

  @Test
  void anythingElseIsNoId() {
    assertThat(RedisReservedJob.idFromToken(null)).isNull();
    assertThat(RedisReservedJob.idFromToken("")).isNull();
    assertThat(RedisReservedJob.idFromToken("\"\"")).isNull();
    assertThat(RedisReservedJob.idFromToken("null")).isNull();
    assertThat(RedisReservedJob.idFromToken("{\"x\":1}")).isNull();
    assertThat(RedisReservedJob.idFromToken("\"unterminated")).isNull();
    assertThat(RedisReservedJob.idFromToken("\"bad \\q escape\"")).isNull();
  }
}
