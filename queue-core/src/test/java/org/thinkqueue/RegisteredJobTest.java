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
package org.thinkqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.testing.Golden;

/** Converting what PHP writes into handler types (RegisteredJob.convert). */
class RegisteredJobTest {
  public record Order(
      long orderId,
      BigInteger big,
      double f,
      double e,
      List<String> tags,
      Map<String, Object> meta,
      String note,
      String emoji,
      String esc) {}

  public record Small(long orderId, String note) {}

  /** A mutable bean, the other common data shape. */
  public static final class Bean {
    public long orderId;
    public Map<String, Object> meta;
  }

  private final JobRegistry registry = new JobRegistry();

  private <T> RegisteredJob registered(Class<T> type) {
    String name = "job-" + type.getSimpleName();
    registry.register(name, type, (job, data) -> {});
    return registry.resolve(name);
  }

  private static JsonNode dataOf(String payload) {
    return PayloadCodec.shared().decode(payload).data();
  }

  private static JsonNode data(String json) {
    return dataOf("{\"job\":\"x\",\"data\":" + json + "}");
  }

  @Test
  void phpReencodedPayloadConvertsToARecord() {
    // v3 C2: PHP's reserved copy, with 1.2345678901234567e+19, 1, 100, [] for {}, \/ and \\u
    // escapes.
    Object converted =
        registered(Order.class).convert(dataOf(Golden.member("v3.txt", "C2", Golden.SAMPLE_ID)));

    assertThat(converted)
        .isEqualTo(
            new Order(
                1234567890123456789L,
                new BigInteger("12345678901234567000"),
                1.0,
                100.0,
                List.of(),
                Map.of(),
                "a/b é",
                "😀",
                "é/"));
  }

  @Test
  void foreignPayloadConvertsToARecordWithExactBigInteger() {
    Order o =
        (Order)
            registered(Order.class)
                .convert(dataOf(Golden.member("v3.txt", "C1", Golden.SAMPLE_ID)));
    assertThat(o.big()).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(o.orderId()).isEqualTo(1234567890123456789L);
    assertThat(o.meta()).isEmpty();
    assertThat(o.emoji()).isEqualTo("😀");
  }

  @Test
  void mapDataKeepsLongsExactAndAcceptsHugeNumbers() {
    @SuppressWarnings("unchecked")
    Map<String, Object> c1 =
        (Map<String, Object>)
            registered(Map.class).convert(dataOf(Golden.member("v1.txt", "C1", Golden.SAMPLE_ID)));
    assertThat(c1.get("orderId")).isEqualTo(1234567890123456789L);
    assertThat(c1.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(c1.get("note")).isEqualTo("a/b é");
    assertThat(c1.get("meta")).isEqualTo(Map.of());

    @SuppressWarnings("unchecked")
    Map<String, Object> c3 =
        (Map<String, Object>)
            registry
                .resolve("job-Map")
                .convert(dataOf(Golden.member("v1.txt", "C3", Golden.SAMPLE_ID)));
    assertThat(c3.get("orderId")).isEqualTo(1234567890123456789L);
    assertThat(((Number) c3.get("big")).doubleValue()).isEqualTo(1.2345678901234567e19);
    assertThat(c3.get("meta")).isEqualTo(List.of());
    assertThat(c3.get("emoji")).isEqualTo("😀");
  }

  @Test
  void emptyArrayIsAnEmptyMapRecordOrBean() {
    assertThat(registered(Map.class).convert(data("[]"))).isEqualTo(Map.of());
    assertThat(registered(Small.class).convert(data("[]"))).isEqualTo(new Small(0, null));
    assertThat(registered(Bean.class).convert(data("[]"))).isInstanceOf(Bean.class);
    Bean b = (Bean) registry.resolve("job-Bean").convert(data("{\"orderId\":2,\"meta\":[]}"));
    assertThat(b.orderId).isEqualTo(2);
    assertThat(b.meta).isEmpty();
  }

  public record Address(int zip, String city) {}

  public record Customer(long id, Address address, List<Address> previous) {}

  @Test
  void nestedEmptyArrayIsAnEmptyRecordAndNonEmptyArraysStillFail() {
    // PHP's reserved copy turns a nested {} into [], also where Java has a record with primitive
    // components.
    assertThat(
            registered(Customer.class).convert(data("{\"id\":1,\"address\":[],\"previous\":[]}")))
        .isEqualTo(new Customer(1, new Address(0, null), List.of()));
    assertThat(
            registry
                .resolve("job-Customer")
                .convert(data("{\"id\":1,\"previous\":[{\"zip\":5},[]]}")))
        .isEqualTo(new Customer(1, null, List.of(new Address(5, null), new Address(0, null))));
    assertThatThrownBy(() -> registry.resolve("job-Customer").convert(data("{\"address\":[1]}")))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("job-Customer");
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertThat(registered(Small.class).convert(data("{\"orderId\":1,\"extra\":{\"x\":[]}}")))
        .isEqualTo(new Small(1, null));
  }

  @Test
  void nullDataIsNullAndRawJsonAndJsonNodeGetTheData() {
    assertThat(registered(Small.class).convert(data("null"))).isNull();
    assertThat(registered(RawJson.class).convert(data("{\"a\":[1,{}]}")))
        .isEqualTo(RawJson.of("{\"a\":[1,{}]}"));
    JsonNode node = data("{\"a\":1}");
    assertThat(registered(JsonNode.class).convert(node)).isSameAs(node);
  }

  @Test
  void dataThatDoesNotFitNamesJobAndType() {
    RegisteredJob job = registered(Small.class);
    assertThatThrownBy(() -> job.convert(data("\"text\"")))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("job-Small")
        .hasMessageContaining(Small.class.getName());
    assertThatThrownBy(() -> job.convert(data("{\"orderId\":12345678901234567890}")))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("job-Small");
  }

  @Test
  void dataThatDoesNotFitIsDescribedByPathAndTypeWithoutItsValue() {
    String secret = org.thinkqueue.internal.PayloadCodecTest.SECRET;
    assertThatThrownBy(
            () -> registered(Small.class).convert(data("{\"orderId\":\"" + secret + "\"}")))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("data.orderId is a JSON string, expected long")
        .satisfies(e -> org.thinkqueue.internal.PayloadCodecTest.assertNoPartOfTheSecretIn(e));
    assertThatThrownBy(
            () ->
                registered(Customer.class)
                    .convert(data("{\"id\":1,\"previous\":[{\"zip\":\"" + secret + "\"}]}")))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("data.previous[0].zip is a JSON string, expected int")
        .satisfies(e -> org.thinkqueue.internal.PayloadCodecTest.assertNoPartOfTheSecretIn(e));
  }
}
