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
package org.thinkqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.Payload;

/** Worker fields are written by editing the text: every other byte stays as stored. */
class PayloadFieldsTest {
  private static Map<String, Long> fields(Object... kv) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
    }
    return m;
  }

  @Test
  void aNewFieldGoesBeforeTheTopLevelIdSoAttemptsStaysLast() {
    String raw =
        "{\"job\":\"A\",\"maxTries\":null,\"timeout\":null,\"data\":{\"id\":7,\"x\":\"\\\"}\"},"
            + "\"id\":\"abc\",\"attempts\":2}";
    assertThat(PayloadFields.withNumbers(raw, fields("exceptions", 1, "timeoutAt", 1700000000)))
        .isEqualTo(
            "{\"job\":\"A\",\"maxTries\":null,\"timeout\":null,\"data\":{\"id\":7,\"x\":\"\\\"}\"},"
                + "\"exceptions\":1,\"timeoutAt\":1700000000,\"id\":\"abc\",\"attempts\":2}");
  }

  @Test
  void anExistingFieldIsReplacedInPlace() {
    String raw = "{\"job\":\"A\", \"exceptions\" : 3 ,\"data\":[1,{\"exceptions\":9}]}";
    assertThat(PayloadFields.withNumbers(raw, fields("exceptions", 4)))
        .isEqualTo("{\"job\":\"A\", \"exceptions\" : 4 ,\"data\":[1,{\"exceptions\":9}]}");
  }

  @Test
  void withoutAnIdTheFieldGoesLast() {
    assertThat(PayloadFields.withNumbers("{\"job\":\"A\",\"data\":\"\"}\n", fields("x", -1)))
        .isEqualTo("{\"job\":\"A\",\"data\":\"\",\"x\":-1}\n");
    assertThat(PayloadFields.withNumbers("{ }", fields("x", 5))).isEqualTo("{ \"x\":5}");
  }

  @Test
  void theResultIsAPayloadWithTheFields() {
    String raw = "{\"job\":\"A\",\"data\":{\"a\":[true,null,1.5e3]},\"id\":\"i\",\"attempts\":0}";
    Payload p = Payload.parse(PayloadFields.withNumbers(raw, fields("timeoutAt", 42)));
    assertThat(p.timeoutAt()).hasValue(42);
    assertThat(p.id()).isEqualTo("i");
    assertThat(p.data().toString()).isEqualTo("{\"a\":[true,null,1.5E+3]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"job\":", "{\"job\":\"A\"", "{\"job\" \"A\"}", "nope"})
  void whatTheScannerCannotFollowIsLeftAlone(String raw) {
    assertThat(PayloadFields.withNumbers(raw, fields("x", 1))).isNull();
  }
}
