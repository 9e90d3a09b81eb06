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
    assertThat(RedisReservedJob.idFromToken("12345678901234567890123")).isEqualTo("12345678901234567890123");
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
