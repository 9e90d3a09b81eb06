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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.internal.PayloadCodec;

class JobRegistryTest {
  public record Order(long orderId, String note) {}

  public static final class SendOrder implements JobHandler<Order> {
    final List<Object> seen = new ArrayList<>();

    @Override
    public void fire(Job job, Order data) {
      seen.add(data);
    }
  }

  public static final class MapHandler implements JobHandler<Map<String, Object>> {
    @Override
    public void fire(Job job, Map<String, Object> data) {}
  }

  /** think-queue style: one class, several Class@method jobs, a fire and a failed. */
  public static final class UserRegisterJob {
    final List<String> calls = new ArrayList<>();

    public void fire(Job job, Order order) {
      calls.add("fire:" + order.orderId());
    }

    public void sendRegisterSuccessWelcomeEmail(Job job, String email) {
      calls.add("welcome:" + email);
    }

    public void failed(Object data, Throwable cause) {
      calls.add("failed:" + cause.getMessage());
    }

    public void notAJob(String s) {
      calls.add("notAJob");
    }

    public static void staticJob(Job job, String s) {}
  }

  public static final class Methods {
    public void a(Job job, String s) {}

    public void b(Job job, String s) {}
  }

  /**
   * A method-style class that also implements JobHandler: its compiler bridge fire(Job, Object) is
   * no job.
   */
  public static final class HandlerWithMethods implements JobHandler<Order> {
    final List<String> calls = new ArrayList<>();

    @Override
    public void fire(Job job, Order data) {
      calls.add("fire:" + data.orderId());
    }

    public void other(Job job, String s) {
      calls.add("other:" + s);
    }
  }

  public static final class NoJobMethods {
    public void run(String s) {}
  }

  private final JobRegistry registry = new JobRegistry();

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return PayloadCodec.shared().decode("{\"job\":\"x\",\"data\":" + text + "}").data();
  }

  @Test
  void registerHandlerUsesItsClassNameAndDeclaredType() throws Exception {
    SendOrder handler = new SendOrder();
    registry.register(handler);

    RegisteredJob job = registry.resolve(SendOrder.class.getName());
    assertThat(job.name()).isEqualTo("org.thinkqueue.JobRegistryTest$SendOrder");
    assertThat(job.dataType()).isEqualTo(Order.class);
    assertThat(job.deletesOnReturn()).isFalse();
    assertThat(registry.nameOf(SendOrder.class)).isEqualTo(SendOrder.class.getName());

    job.fire(null, job.convert(json("{\"orderId\":7,\"note\":\"n\"}")));
    assertThat(handler.seen).containsExactly(new Order(7, "n"));
  }

  @Test
  void registerUnderANameInfersRecordAndGenericMapTypes() {
    registry.register("send", new SendOrder());
    registry.register("map", new MapHandler());

    assertThat(registry.resolve("send").dataType()).isEqualTo(Order.class);
    assertThat(registry.resolve("map").dataType().getTypeName())
        .isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    assertThat(registry.resolve("map").dataType())
        .isEqualTo(
            ((ParameterizedType) MapHandler.class.getGenericInterfaces()[0])
                .getActualTypeArguments()[0]);
    assertThat(registry.nameOf(SendOrder.class)).isEqualTo("send");
    assertThat(registry.resolve("map").convert(json("{\"a\":1}"))).isEqualTo(Map.of("a", 1));
  }

  @Test
  void registerWithAnExplicitTypeWorksForLambdas() throws Exception {
    List<Order> seen = new ArrayList<>();
    registry.register("lambda", Order.class, (job, order) -> seen.add(order));
    registry.register("untyped", (job, data) -> {});

    RegisteredJob job = registry.resolve("lambda");
    assertThat(job.dataType()).isEqualTo(Order.class);
    job.fire(null, job.convert(json("{\"orderId\":1}")));
    assertThat(seen).containsExactly(new Order(1, null));
    assertThat(registry.resolve("untyped").dataType()).isEqualTo(Object.class);
  }

  @Test
  void handleRegistersTheSimpleStyle() throws Exception {
    List<Order> seen = new ArrayList<>();
    registry.handle("simple", Order.class, seen::add);

    RegisteredJob job = registry.resolve("simple");
    assertThat(job.deletesOnReturn()).isTrue();
    job.fire(null, job.convert(json("{\"orderId\":3}")));
    assertThat(seen).containsExactly(new Order(3, null));
  }

  @Test
  void registerMethodsRegistersEachJobMethodAndFire() throws Exception {
    UserRegisterJob instance = new UserRegisterJob();
    registry.registerMethods("UserRegisterJob", instance);

    assertThat(registry.contains("UserRegisterJob")).isTrue();
    assertThat(registry.contains("UserRegisterJob@fire")).isTrue();
    assertThat(registry.contains("UserRegisterJob@sendRegisterSuccessWelcomeEmail")).isTrue();
    assertThat(registry.contains("UserRegisterJob@notAJob")).isFalse();
    assertThat(registry.contains("UserRegisterJob@failed")).isFalse();
    assertThat(registry.contains("UserRegisterJob@staticJob")).isFalse();
    assertThat(registry.contains("UserRegisterJob@toString")).isFalse();

    RegisteredJob welcome = registry.resolve("UserRegisterJob@sendRegisterSuccessWelcomeEmail");
    assertThat(welcome.dataType()).isEqualTo(String.class);
    welcome.fire(null, welcome.convert(json("\"a@b.c\"")));
    RegisteredJob fire = registry.resolve("UserRegisterJob");
    assertThat(fire.dataType()).isEqualTo(Order.class);
    fire.fire(null, fire.convert(json("{\"orderId\":5}")));
    fire.failed(null, new IllegalStateException("boom"));

    assertThat(instance.calls).containsExactly("welcome:a@b.c", "fire:5", "failed:boom");
    assertThat(registry.nameOf(UserRegisterJob.class)).isEqualTo("UserRegisterJob");
  }

  @Test
  void registerMethodsUnderTheClassName() {
    registry.registerMethods(new Methods());
    assertThat(registry.contains(Methods.class.getName() + "@a")).isTrue();
    assertThat(registry.contains(Methods.class.getName() + "@b")).isTrue();
  }

  @Test
  void registerMethodsIgnoresBridgeMethodsOfAJobHandler() throws Exception {
    HandlerWithMethods instance = new HandlerWithMethods();
    registry.registerMethods("H", instance);

    RegisteredJob fire = registry.resolve("H");
    assertThat(fire.dataType()).isEqualTo(Order.class);
    fire.fire(null, fire.convert(json("{\"orderId\":9}")));
    registry.resolve("H@other").fire(null, "x");
    assertThat(instance.calls).containsExactly("fire:9", "other:x");
  }

  @Test
  void registerMethodsWithoutJobMethodsIsRefused() {
    assertThatThrownBy(() -> registry.registerMethods("X", new NoJobMethods()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NoJobMethods");
  }

  @Test
  void nameAtFireResolvesToTheName() {
    registry.register("SendOrder", new SendOrder());
    assertThat(registry.find("SendOrder@fire")).containsSame(registry.resolve("SendOrder"));
    assertThat(registry.find("SendOrder@other")).isEmpty();
  }

  @Test
  void aliasForAWholeName() {
    registry.registerMethods("UserRegisterJob", new UserRegisterJob());
    registry.alias(
        "common\\job\\UserRegisterJob@sendRegisterSuccessWelcomeEmail",
        "UserRegisterJob@sendRegisterSuccessWelcomeEmail");

    assertThat(registry.find("common\\job\\UserRegisterJob@sendRegisterSuccessWelcomeEmail"))
        .containsSame(registry.resolve("UserRegisterJob@sendRegisterSuccessWelcomeEmail"));
    // Only that name was aliased, not the class.
    assertThat(registry.find("common\\job\\UserRegisterJob")).isEmpty();
  }

  @Test
  void aliasForAClassPartCoversEveryMethod() {
    registry.registerMethods("UserRegisterJob", new UserRegisterJob());
    registry.alias("app\\job\\UserRegisterJob", "UserRegisterJob");

    assertThat(registry.find("app\\job\\UserRegisterJob@sendRegisterSuccessWelcomeEmail"))
        .containsSame(registry.resolve("UserRegisterJob@sendRegisterSuccessWelcomeEmail"));
    assertThat(registry.find("app\\job\\UserRegisterJob"))
        .containsSame(registry.resolve("UserRegisterJob"));
    assertThat(registry.find("app\\job\\UserRegisterJob@fire"))
        .get()
        .extracting(RegisteredJob::name)
        .isEqualTo("UserRegisterJob@fire");
    assertThat(registry.find("app\\job\\UserRegisterJob@missing")).isEmpty();
  }

  @Test
  void aliasMayBeRepeatedButNotRetargeted() {
    registry.alias("a", "b");
    registry.alias("a", "b");
    assertThatThrownBy(() -> registry.alias("a", "c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("'b'");
  }

  @Test
  void duplicateNamesAreRefused() {
    registry.register("dup", new SendOrder());
    assertThatThrownBy(() -> registry.register("dup", new MapHandler()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dup'");
    assertThatThrownBy(() -> registry.handle("dup", String.class, s -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dup'");
    assertThat(registry.resolve("dup").dataType()).isEqualTo(Order.class);
  }

  @Test
  void aRefusedRegisterMethodsRegistersNothing() {
    registry.register("Methods@b", new SendOrder());

    assertThatThrownBy(() -> registry.registerMethods("Methods", new Methods()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Methods@b");
    assertThat(registry.find("Methods@a")).isEmpty();
  }

  @Test
  void aRefusedRegisterMethodsLeavesTheExistingNameAlone() {
    registry.register("UserRegisterJob", new SendOrder());

    assertThatThrownBy(() -> registry.registerMethods("UserRegisterJob", new UserRegisterJob()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'UserRegisterJob'");
    assertThat(registry.find("UserRegisterJob@sendRegisterSuccessWelcomeEmail")).isEmpty();
    assertThat(registry.resolve("UserRegisterJob@fire").name()).isEqualTo("UserRegisterJob");
  }

  @Test
  void blankNamesAreRefused() {
    assertThatThrownBy(() -> registry.register("  ", new SendOrder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> registry.register((String) null, new SendOrder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> registry.handle("", String.class, s -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.registerMethods(" ", new Methods()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.alias("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.alias("x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownNamesAreEmptyOrUnknownJobException() {
    registry.register("known", new SendOrder());
    assertThat(registry.find("unknown")).isEmpty();
    assertThat(registry.find(null)).isEmpty();
    assertThatThrownBy(() -> registry.resolve("unknown"))
        .isInstanceOf(UnknownJobException.class)
        .hasMessageContaining("'unknown'")
        .satisfies(e -> assertThat(((UnknownJobException) e).jobName()).isEqualTo("unknown"));
    assertThatThrownBy(() -> registry.nameOf(MapHandler.class))
        .isInstanceOf(UnknownJobException.class)
        .hasMessageContaining(MapHandler.class.getName());
  }

  @Test
  void aPayloadNamingAJavaClassLoadsNothing() {
    registry.register("known", new SendOrder());
    for (String name :
        List.of(
            "java.lang.Runtime",
            "java.lang.ProcessBuilder",
            SendOrder.class.getName(),
            "java.lang.Runtime@exec",
            "java.lang.Runtime@fire")) {
      assertThat(registry.contains(name)).as(name).isFalse();
      assertThatThrownBy(() -> registry.resolve(name)).isInstanceOf(UnknownJobException.class);
    }
  }

  @Test
  void aMapperWithDefaultTypingIsRefused() {
    ObjectMapper typed =
        JsonMapper.builder()
            .activateDefaultTyping(
                LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT)
            .build();
    assertThatThrownBy(() -> new JobRegistry(typed))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("objectMapper");
    JobRegistry custom = new JobRegistry(JobRegistry.defaultObjectMapper());
    custom.handle("order", Order.class, order -> {});
    assertThat(custom.resolve("order").convert(json("{\"orderId\":3,\"unknown\":1}")))
        .isEqualTo(new Order(3, null));
  }
}
