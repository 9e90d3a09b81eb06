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
package org.thinkqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.thinkqueue.testkit.ServiceLookup.Origin;
import org.thinkqueue.testkit.ServiceLookup.Outcome;

/**
 * The lookup's decisions, driven by an injected environment and probe so no real outage is needed.
 */
class ServiceLookupTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<String> probed = new ArrayList<>();

  private ServiceLookup lookup(
      Map<String, String> env, Set<String> up, ServiceFallback... fallbacks) {
    ServiceLookup.Probe probe =
        (host, port) -> {
          probed.add(host + ":" + port);
          return up.contains(host + ":" + port);
        };
    return new ServiceLookup(
        env, probe, List.of(fallbacks), new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String warnings() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsAgainstTheLoopbackDefaultWhenItAnswers() {
    ServiceLookup lookup = lookup(Map.of(), Set.of("127.0.0.1:6379"));

    assertThat(lookup.check(Service.REDIS).outcome()).isEqualTo(Outcome.RUN);
    assertThat(lookup.resolve(Service.REDIS).origin()).isEqualTo(Origin.DEFAULT);
    assertThat(lookup.resolve(Service.REDIS).address().url()).isEqualTo("redis://127.0.0.1:6379/0");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void envVarWinsOverTheDefault() {
    ServiceLookup lookup =
        lookup(
            Map.of("QUEUE_PG_URL", "jdbc:postgresql://127.0.0.1:6543/other?user=x"),
            Set.of("127.0.0.1:6543"));

    ServiceLookup.Resolution resolution = lookup.resolve(Service.POSTGRES);

    assertThat(resolution.origin()).isEqualTo(Origin.ENV);
    assertThat(resolution.address().url())
        .isEqualTo("jdbc:postgresql://127.0.0.1:6543/other?user=x");
    assertThat(lookup.check(Service.POSTGRES).outcome()).isEqualTo(Outcome.RUN);
    assertThat(probed).containsExactly("127.0.0.1:6543");
  }

  @Test
  void blankEnvVarMeansDefault() {
    ServiceLookup lookup = lookup(Map.of("QUEUE_MYSQL_URL", "  "), Set.of("127.0.0.1:3306"));

    assertThat(lookup.resolve(Service.MARIADB).origin()).isEqualTo(Origin.DEFAULT);
  }

  @Test
  void skipsLoudlyWhenUnreachableOutsideCi() {
    ServiceLookup lookup = lookup(Map.of("QUEUE_REDIS_URL", "redis://127.0.0.1:6390/0"), Set.of());

    ServiceLookup.Verdict verdict = lookup.check(Service.REDIS);

    assertThat(verdict.outcome()).isEqualTo(Outcome.SKIP);
    assertThat(verdict.reason())
        .contains("Redis", "127.0.0.1:6390", "QUEUE_REDIS_URL=redis://127.0.0.1:6390/0", "SKIPPED");
    assertThat(warnings()).contains(verdict.reason());
  }

  @Test
  void failsUnderCiWithTheSameReason() {
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of());

    ServiceLookup.Verdict verdict = lookup.check(Service.MARIADB);

    assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(verdict.reason())
        .contains("MariaDB", "127.0.0.1:3306", "QUEUE_MYSQL_URL", "CI=true")
        .doesNotContain("SKIPPED");
  }

  @Test
  void ciOtherThanTrueStillSkips() {
    assertThat(lookup(Map.of("CI", "false"), Set.of()).check(Service.REDIS).outcome())
        .isEqualTo(Outcome.SKIP);
    assertThat(lookup(Map.of("CI", "TRUE"), Set.of()).check(Service.REDIS).outcome())
        .isEqualTo(Outcome.FAIL);
  }

  @Test
  void probesOnceAndWarnsOncePerService() {
    ServiceLookup lookup = lookup(Map.of(), Set.of());

    lookup.check(Service.POSTGRES);
    lookup.check(Service.POSTGRES);
    lookup.check(Service.POSTGRES);

    assertThat(probed).containsExactly("127.0.0.1:5432");
    assertThat(warnings().lines().count()).isEqualTo(1);
  }

  @Test
  void fallbackProvidesTheServiceWhenTheDefaultIsDown() {
    ServiceFallback containers =
        service -> Optional.of("redis://127.0.0.1:49153/0").filter(u -> service == Service.REDIS);
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of("127.0.0.1:49153"), containers);

    assertThat(lookup.check(Service.REDIS).outcome()).isEqualTo(Outcome.RUN);
    assertThat(lookup.resolve(Service.REDIS).origin()).isEqualTo(Origin.FALLBACK);
    assertThat(lookup.resolve(Service.REDIS).address().port()).isEqualTo(49153);
  }

  @Test
  void fallbackIsNotUsedWhenTheEnvVarNamesAServer() {
    List<Service> asked = new ArrayList<>();
    ServiceFallback containers =
        service -> {
          asked.add(service);
          return Optional.of("redis://127.0.0.1:49153/0");
        };
    ServiceLookup lookup =
        lookup(
            Map.of("QUEUE_REDIS_URL", "redis://127.0.0.1:6390/0"),
            Set.of("127.0.0.1:49153"),
            containers);

    assertThat(lookup.check(Service.REDIS).outcome()).isEqualTo(Outcome.SKIP);
    assertThat(asked).isEmpty();
  }

  @Test
  void fallbackFailureIsPartOfTheReason() {
    ServiceFallback containers =
        new ServiceFallback() {
          @Override
          public Optional<String> start(Service service) {
            throw new ServiceUnavailableException("Docker is not available");
          }

          @Override
          public String name() {
            return "Testcontainers";
          }
        };
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of(), containers);

    assertThat(lookup.check(Service.POSTGRES).reason())
        .contains(
            "PostgreSQL",
            "127.0.0.1:5432",
            "QUEUE_PG_URL not set",
            "Testcontainers: Docker is not available");
  }

  @Test
  void malformedEnvVarNamesTheVariable() {
    ServiceLookup lookup = lookup(Map.of("QUEUE_REDIS_URL", "redis://127.0.0.1:x/0"), Set.of());

    assertThatThrownBy(() -> lookup.check(Service.REDIS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QUEUE_REDIS_URL");
  }

  @RequiresService({Service.REDIS, Service.POSTGRES})
  static final class NeedsRedisAndPostgres {}

  @Test
  void extensionDisablesWithTheReasonOutsideCi() {
    ServiceLookup lookup = lookup(Map.of(), Set.of("127.0.0.1:6379"));

    ConditionEvaluationResult result =
        new ServiceLookupExtension(lookup)
            .evaluateExecutionCondition(contextFor(NeedsRedisAndPostgres.class));

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason().orElseThrow())
        .contains("PostgreSQL", "QUEUE_PG_URL")
        .doesNotContain("Redis is not reachable");
  }

  @Test
  void extensionThrowsUnderCi() {
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of("127.0.0.1:6379"));
    ServiceLookupExtension extension = new ServiceLookupExtension(lookup);

    assertThatThrownBy(
            () -> extension.evaluateExecutionCondition(contextFor(NeedsRedisAndPostgres.class)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("PostgreSQL is not reachable at 127.0.0.1:5432");
  }

  @Test
  void extensionEnablesWhenAllAnswer() {
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of("127.0.0.1:6379", "127.0.0.1:5432"));

    ConditionEvaluationResult result =
        new ServiceLookupExtension(lookup)
            .evaluateExecutionCondition(contextFor(NeedsRedisAndPostgres.class));

    assertThat(result.isDisabled()).isFalse();
  }

  @Test
  void extensionIgnoresElementsWithoutTheAnnotation() {
    ServiceLookup lookup = lookup(Map.of("CI", "true"), Set.of());

    ConditionEvaluationResult result =
        new ServiceLookupExtension(lookup)
            .evaluateExecutionCondition(contextFor(ServiceLookupTest.class));

    assertThat(result.isDisabled()).isFalse();
    assertThat(probed).isEmpty();
  }

  /**
   * The extension only reads the annotated element, so a proxy answering that one call is enough.
   */
  private static ExtensionContext contextFor(Class<?> testClass) {
    return (ExtensionContext)
        Proxy.newProxyInstance(
            ExtensionContext.class.getClassLoader(),
            new Class<?>[] {ExtensionContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getElement")) {
                return Optional.of(testClass);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
