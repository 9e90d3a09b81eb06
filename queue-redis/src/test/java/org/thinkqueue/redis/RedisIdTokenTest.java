package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The id a reservation reports, read from the raw JSON token the reserve script returns. */
class RedisIdTokenTest {
  @Test
  void stringTokensAreUnquotedAndUnescaped() {
    assertThat(RedisConnector.idFromToken("\"AbcDEF23\"")).isEqualTo("AbcDEF23");
    assertThat(RedisConnector.idFromToken("\"a\\\"b\\u00e9\"")).isEqualTo("a\"bé");
  }

  @Test
  void numbersAreKeptAsTheirDigits() {
    assertThat(RedisConnector.idFromToken("12345678901234567890123")).isEqualTo("12345678901234567890123");
  }

  @Test
  void anythingElseIsNoId() {
    assertThat(RedisConnector.idFromToken(null)).isNull();
    assertThat(RedisConnector.idFromToken("")).isNull();
    assertThat(RedisConnector.idFromToken("\"\"")).isNull();
    assertThat(RedisConnector.idFromToken("null")).isNull();
    assertThat(RedisConnector.idFromToken("{\"x\":1}")).isNull();
    assertThat(RedisConnector.idFromToken("\"unterminated")).isNull();
    assertThat(RedisConnector.idFromToken("\"bad \\q escape\"")).isNull();
  }
}
