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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.RawJson;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testing.Golden;

public class PayloadCodecTest {
  private static final PayloadCodec CODEC = PayloadCodec.shared();
  private static final String ID = Golden.SAMPLE_ID;

  // ---- decoding what PHP writes
  // ------------------------------------------------------------------------------

  static java.util.stream.Stream<Arguments> goldenLines() {
    Map<String, Integer> v1 =
        Map.of("A1", 1, "A2", 1, "A3", 2, "B1", 1, "C1", 1, "C2", 1, "C3", 2, "D1", 1);
    Map<String, Integer> v3 =
        Map.of("A1", 0, "A2", 1, "A3", 1, "B1", 0, "C1", 0, "C2", 1, "C3", 1, "D1", 0);
    java.util.List<Arguments> out = new java.util.ArrayList<>();
    Golden.members("v1.txt")
        .keySet()
        .forEach(step -> out.add(Arguments.of("v1.txt", step, v1.get(step))));
    Golden.members("v3.txt")
        .keySet()
        .forEach(step -> out.add(Arguments.of("v3.txt", step, v3.get(step))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldenLines")
  void everyGoldenLineDecodes(String file, String step, int attempts) {
    String raw = Golden.member(file, step, ID);
    Payload p = CODEC.decode(raw);

    assertThat(p.raw()).isSameAs(raw);
    assertThat(p.job()).isEqualTo("app\\job\\Demo@run");
    String expectedId = step.startsWith("C") ? "JavaJob0000000000000000000000001" : ID;
    assertThat(p.id()).isEqualTo(expectedId);
    assertThat(p.attempts()).hasValue(attempts);
    assertThat(CODEC.attemptsOf(raw)).hasValue(attempts);
    if (file.equals("v3.txt")) {
      assertThat(p.maxTries()).isEmpty();
      assertThat(p.timeout()).isEmpty();
      assertThat(p.field("maxTries").isPresent()).isTrue();
    } else {
      assertThat(p.field("maxTries").isPresent()).isFalse();
    }
    JsonNode data = p.data();
    assertThat(data.get("orderId").isIntegralNumber()).isTrue();
    assertThat(data.get("orderId").canConvertToLong()).isTrue();
    assertThat(data.get("orderId").longValue()).isEqualTo(1234567890123456789L);
    assertThat(data.get("note").textValue()).isEqualTo("a/b é");
    assertThat(data.get("tags").isArray()).isTrue();
    assertThat(data.get("tags")).isEmpty();
    assertThat(data.get("meta")).isEmpty();
    if (step.startsWith("C")) {
      assertThat(data.get("emoji").textValue()).isEqualTo("😀");
      assertThat(data.get("esc").textValue()).isEqualTo("é/");
      assertThat(data.get("big").numberValue().doubleValue()).isEqualTo(1.2345678901234567e19);
      assertThat(data.get("f").numberValue().doubleValue()).isEqualTo(1.0);
      assertThat(data.get("e").numberValue().doubleValue()).isEqualTo(100.0);
    }
  }

  @Test
  void escapesDecodeToTheRightStrings() {
    Payload p =
        CODEC.decode(
            "{\"job\":\"app\\\\job\\\\A\",\"data\":{\"slash\":\"a\\/b\",\"e\":\"\\u00e9\","
                + "\"emoji\":\"\\ud83d\\ude00\",\"plain\":\"é😀/\"}}");

    assertThat(p.job()).isEqualTo("app\\job\\A");
    assertThat(p.data().get("slash").textValue()).isEqualTo("a/b");
    assertThat(p.data().get("e").textValue()).isEqualTo("é").hasSize(1);
    String emoji = p.data().get("emoji").textValue();
    assertThat(emoji).isEqualTo("😀");
    assertThat(emoji.codePointAt(0)).isEqualTo(0x1F600);
    assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(1);
    assertThat(p.data().get("plain").textValue()).isEqualTo("é😀/");
  }

  @Test
  void bigNumbersAreKeptExactOrAccepted() {
    Payload p =
        CODEC.decode(
            "{\"job\":\"j\",\"data\":{\"long\":1234567890123456789,\"huge\":12345678901234567890,"
                + "\"phpFloat\":1.2345678901234567e+19,\"one\":1.0}}");

    assertThat(p.data().get("long").canConvertToLong()).isTrue();
    assertThat(p.data().get("long").longValue()).isEqualTo(1234567890123456789L);
    assertThat(p.data().get("huge").bigIntegerValue())
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(p.data().get("phpFloat").doubleValue()).isEqualTo(1.2345678901234567e19);
    assertThat(p.data().get("one").isFloatingPointNumber()).isTrue();
  }

  @Test
  void payloadWithoutDataHasNullData() {
    assertThat(CODEC.decode("{\"job\":\"j\"}").data().isNull()).isTrue();
    assertThat(CODEC.decode("{\"job\":\"j\"}").id()).isNull();
    assertThat(CODEC.decode("{\"job\":\"j\"}").attempts()).isEmpty();
  }

  @Test
  void invalidPayloadsAreRefusedWithAMessageSayingWhy() {
    assertThatThrownBy(() -> CODEC.decode(null))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> CODEC.decode("not json"))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("unrecognized token")
        .hasMessageContaining("line 1, column")
        .hasMessageContaining("8 chars");
    assertThatThrownBy(() -> CODEC.decode("{\"job\":\"j\""))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> CODEC.decode("[{\"job\":\"j\"}]"))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CODEC.decode("\"job\""))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CODEC.decode("")).isInstanceOf(PayloadException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\":1}",
        "{\"job\":\"\",\"data\":1}",
        "{\"job\":\"  \"}",
        "{\"job\":5}",
        "{\"job\":null}",
        "{\"job\":[\"a\"]}",
        "{\"job\":{}}"
      })
  void missingBlankOrNonStringJobIsRefused(String raw) {
    assertThatThrownBy(() -> CODEC.decode(raw))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("no job name")
        .hasMessageContaining("field 'job'")
        .hasMessageContaining(raw.length() + " chars");
  }

  @Test
  void trailingContentAfterThePayloadIsRefused() {
    assertThatThrownBy(() -> CODEC.decode("{\"job\":\"j\",\"data\":1} {\"job\":\"k\"}"))
        .isInstanceOf(PayloadException.class);
    assertThatThrownBy(() -> CODEC.decode("{\"job\":\"j\"}garbage"))
        .isInstanceOf(PayloadException.class);
    assertThat(CODEC.decode(" {\"job\":\"j\"} \n").job()).isEqualTo("j");
  }

  @Test
  void longInvalidPayloadsAreDescribedByLengthInTheMessage() {
    String raw = "x".repeat(5000);
    assertThatThrownBy(() -> CODEC.decode(raw))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("5000 chars")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("xxxx"));
  }

  static java.util.stream.Stream<Arguments> secretPayloads() {
    return java.util.stream.Stream.of(
        Arguments.of(
            "{\"job\":\"T\",\"data\":{\"card\":\"" + SECRET + "\"}", "unexpected end of input"),
        Arguments.of("{\"job\":\"T\",\"data\":" + SECRET + "}", "unrecognized token"),
        Arguments.of(
            "{\"job\":\"T\",\"data\":{\"card\":'" + SECRET + "'}}", "unexpected character"),
        Arguments.of(
            "{\"job\":\"T\",\"data\":\"" + SECRET + "\u0001\"}", "unescaped control character"),
        Arguments.of("{\"job\":\"T\",\"data\":\"" + SECRET + "\\q\"}", "invalid escape sequence"),
        Arguments.of(
            "{\"job\":\"T\"} \"" + SECRET + "\"", "more content after the first JSON value"),
        Arguments.of("\"" + SECRET + "\"", "not a JSON object but a JSON string"),
        Arguments.of("[\"" + SECRET + "\"]", "not a JSON object but a JSON array"),
        Arguments.of("{\"data\":{\"card\":\"" + SECRET + "\"}}", "field 'job' is missing"),
        Arguments.of(
            "{\"job\":{\"" + SECRET + "\":1}}", "field 'job' is a JSON object, not a string"),
        Arguments.of("{\"job\":\"   \",\"data\":\"" + SECRET + "\"}", "field 'job' is blank"));
  }

  public static final String SECRET = "S3cr3tCardNo4111222233334444";

  @ParameterizedTest(name = "{1}")
  @MethodSource("secretPayloads")
  void refusalsNameTheProblemAndQuoteNoPayloadContent(String raw, String problem) {
    assertThatThrownBy(() -> CODEC.decode(raw))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertNoPartOfTheSecretIn(e));
  }

  @Test
  void rawJsonRefusalsQuoteNoContent() {
    assertThatThrownBy(() -> RawJson.of("{\"card\":" + SECRET + "}"))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("unrecognized token")
        .satisfies(e -> assertNoPartOfTheSecretIn(e));
  }

  /**
   * Neither the message, nor any cause's, nor the stack trace print holds 4 consecutive characters
   * of SECRET.
   */
  public static void assertNoPartOfTheSecretIn(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    String printed = out.toString();
    for (int i = 0; i + 4 <= SECRET.length(); i++) {
      assertThat(printed).as("printed exception").doesNotContain(SECRET.substring(i, i + 4));
    }
  }

  // ---- RawJson
  // ------------------------------------------------------------------------------------------------

  @Test
  void rawJsonKeepsTextAndRefusesAnythingButOneJsonValue() {
    String text = "{ \"a\":\"\\/\" , \"b\":[] }";
    assertThat(RawJson.of(text).json()).isSameAs(text);
    assertThat(RawJson.of("null").json()).isEqualTo("null");
    assertThat(RawJson.of("12345678901234567890").json()).isEqualTo("12345678901234567890");

    assertThatThrownBy(() -> RawJson.of("{"))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("unexpected end of input");
    assertThatThrownBy(() -> RawJson.of("{} {}")).isInstanceOf(PayloadException.class);
    assertThatThrownBy(() -> RawJson.of("1 2")).isInstanceOf(PayloadException.class);
    assertThatThrownBy(() -> RawJson.of("{\"a\":1},\"id\":\"forged\""))
        .isInstanceOf(PayloadException.class);
    assertThatThrownBy(() -> RawJson.of("")).isInstanceOf(PayloadException.class);
    assertThatThrownBy(() -> RawJson.of(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- withAttempts / attemptsOf
  // ------------------------------------------------------------------------------

  @Test
  void withAttemptsEditsGoldenPayloadsInPlace() {
    for (String file : new String[] {"v1.txt", "v3.txt"}) {
      Golden.members(file)
          .forEach(
              (step, line) -> {
                String raw = line.replace("<ID>", ID);
                int before = CODEC.attemptsOf(raw).getAsInt();
                String edited = CODEC.withAttempts(raw, before + 41);
                assertThat(edited)
                    .as(file + " " + step)
                    .isEqualTo(raw.substring(0, raw.lastIndexOf(':') + 1) + (before + 41) + "}");
                assertThat(CODEC.attemptsOf(edited)).hasValue(before + 41);
              });
    }
  }

  @Test
  void withAttemptsKeepsEveryOtherByte() {
    String head =
        "{\"job\":\"app\\\\job\\\\Demo@run\",\"maxTries\":null,\"timeout\":null,\"data\":{\"orderId\":"
            + "12345678901234567890123,\"f\":1.0,\"e\":1e2,\"meta\":{},\"tags\":[],\"note\":\"a\\/b \\u00e9 é\","
            + "\"nested\":{\"attempts\":9}},\"id\":\""
            + ID
            + "\",\"attempts\":";

    assertThat(CODEC.withAttempts(head + "0}", 1)).isEqualTo(head + "1}");
    assertThat(CODEC.withAttempts(head + "9}", 10)).isEqualTo(head + "10}");
    assertThat(CODEC.withAttempts(head + "123}", 0)).isEqualTo(head + "0}");
    assertThat(CODEC.withAttempts(head + "1}\n", 2)).isEqualTo(head + "2}\n");
  }

  @Test
  void attemptsNotLastFallsBackToATreeEditThatKeepsValues() {
    String raw =
        "{\"job\":\"j\",\"id\":\"x\",\"attempts\":2,\"data\":{\"n\":12345678901234567890,\"l\":"
            + "1234567890123456789,\"meta\":{},\"s\":\"a\\/b\",\"attempts\":7},\"extra\":true}";
    assertThat(CODEC.attemptsOf(raw)).hasValue(2);

    String edited = CODEC.withAttempts(raw, 3);

    Payload p = CODEC.decode(edited);
    assertThat(p.attempts()).hasValue(3);
    assertThat(p.job()).isEqualTo("j");
    assertThat(p.id()).isEqualTo("x");
    assertThat(p.data().get("n").bigIntegerValue())
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(p.data().get("l").longValue()).isEqualTo(1234567890123456789L);
    assertThat(p.data().get("meta").isObject()).isTrue();
    assertThat(p.data().get("s").textValue()).isEqualTo("a/b");
    assertThat(p.data().get("attempts").intValue()).isEqualTo(7);
    assertThat(p.field("extra").get().booleanValue()).isTrue();
    assertThat(edited).contains("12345678901234567890").contains("1234567890123456789");
  }

  @Test
  void spacedAttemptsFieldFallsBackCorrectly() {
    String raw = "{\"job\":\"j\", \"data\":1, \"attempts\" : 4 }";
    assertThat(CODEC.attemptsOf(raw)).hasValue(4);
    assertThat(CODEC.decode(CODEC.withAttempts(raw, 5)).attempts()).hasValue(5);
  }

  @Test
  void attemptsInsideDataIsNeverTheOneEdited() {
    String raw = "{\"job\":\"j\",\"data\":{\"attempts\":7},\"id\":\"x\",\"attempts\":2}";
    assertThat(CODEC.withAttempts(raw, 3))
        .isEqualTo("{\"job\":\"j\",\"data\":{\"attempts\":7},\"id\":\"x\",\"attempts\":3}");

    String noTopLevel = "{\"job\":\"j\",\"data\":{\"attempts\":7}}";
    assertThat(CODEC.attemptsOf(noTopLevel)).isEmpty();
    Payload p = CODEC.decode(CODEC.withAttempts(noTopLevel, 1));
    assertThat(p.attempts()).hasValue(1);
    assertThat(p.data().get("attempts").intValue()).isEqualTo(7);

    String dataLastNumber = "{\"job\":\"j\",\"attempts\":2,\"data\":{\"x\":{\"attempts\":7}}}";
    Payload q = CODEC.decode(CODEC.withAttempts(dataLastNumber, 3));
    assertThat(q.attempts()).hasValue(3);
    assertThat(q.data().get("x").get("attempts").intValue()).isEqualTo(7);
  }

  @Test
  void aKeyEndingInAttemptsIsNotTheAttemptsField() {
    // The key is x"attempts: its last bytes look like "attempts": but it is another field.
    String raw = "{\"job\":\"j\",\"data\":1,\"x\\\"attempts\":5}";
    assertThat(CODEC.decode(raw).field("x\"attempts").get().intValue()).isEqualTo(5);

    assertThat(CODEC.attemptsOf(raw)).isEmpty();
    Payload p = CODEC.decode(CODEC.withAttempts(raw, 1));
    assertThat(p.attempts()).hasValue(1);
    assertThat(p.field("x\"attempts").get().intValue()).isEqualTo(5);
  }

  @Test
  void attemptsOfIsEmptyWhenAbsentOrUnreadable() {
    assertThat(CODEC.attemptsOf("{\"job\":\"j\",\"data\":[]}")).isEmpty();
    assertThat(CODEC.attemptsOf("not json")).isEmpty();
    assertThat(CODEC.attemptsOf("{\"job\":\"j\",\"attempts\":\"3\"}")).isEmpty();
    assertThat(CODEC.attemptsOf("{\"job\":\"j\",\"attempts\":1234567890}"))
        .isEqualTo(OptionalInt.of(1234567890));
  }

  // ---- data, sizes, ids, mappers
  // ------------------------------------------------------------------------------

  @Test
  void dataToJsonWritesRawJsonVerbatimAndNamesJobAndTypeOnFailure() {
    assertThat(CODEC.dataToJson("j", RawJson.of("[ 1 ]"))).isEqualTo("[ 1 ]");
    assertThat(CODEC.dataToJson("j", Map.of("s", "a/é"))).isEqualTo("{\"s\":\"a/é\"}");

    assertThatThrownBy(() -> CODEC.dataToJson("SendMail", new Object()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("SendMail")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void utf8LengthCountsBytes() {
    assertThat(PayloadCodec.utf8Length("")).isZero();
    assertThat(PayloadCodec.utf8Length("abc")).isEqualTo(3);
    assertThat(PayloadCodec.utf8Length("é")).isEqualTo(2);
    assertThat(PayloadCodec.utf8Length("€")).isEqualTo(3);
    assertThat(PayloadCodec.utf8Length("😀")).isEqualTo(4);
    String mixed = "aé€😀\u0000";
    assertThat(PayloadCodec.utf8Length(mixed))
        .isEqualTo(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void newIdUsesThePhpAlphabetOfEachVersion() {
    for (int i = 0; i < 100; i++) {
      assertThat(WireFormat.V3.newJobId()).matches("[A-Za-z]{32}");
      assertThat(WireFormat.V1.newJobId()).matches("[0-9A-Za-z]{32}");
    }
  }

  @Test
  void aMapperWithDefaultTypingIsRefused() {
    ObjectMapper typed =
        JsonMapper.builder()
            .activateDefaultTyping(
                LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL)
            .build();
    assertThatThrownBy(() -> PayloadCodec.create(typed))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("default typing");
    assertThat(PayloadCodec.create(PayloadCodec.newObjectMapper()).mapper()).isNotNull();
  }
}
