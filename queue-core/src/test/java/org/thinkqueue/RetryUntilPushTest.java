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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;

/**
 * A push writes think-queue's {@code timeoutAt}: from {@link JobOptions#retryUntil}, else from the
 * registry's {@link JobPolicy#retryFor}; where PHP writes it on 3.x, after {@code data} on 1.x, and
 * nowhere when neither asks for it.
 */
class RetryUntilPushTest {
  private static final Instant DEADLINE = Instant.ofEpochSecond(1_700_000_000L, 999_000_000);
  private final MemoryConnector v3 = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
  private final MemoryConnector v1 = MemoryConnector.builder().wireFormat(WireFormat.V1).build();

  private static String withoutId(String payload) {
    return payload.replaceAll("\"id\":\"[^\"]+\"", "\"id\":\"ID\"");
  }

  @Test
  void onV3TimeoutAtGoesWherePhpWritesIt() {
    QueueManager m = QueueManager.builder().connection("m", v3).build();
    m.push("A", "d", "q", JobOptions.retryUntil(DEADLINE).withMaxTries(2));

    assertThat(withoutId(v3.readyPayloads("q").get(0)))
        .isEqualTo(
            "{\"job\":\"A\",\"maxTries\":2,\"timeout\":null,\"timeoutAt\":1700000000,\"data\":\"d\","
                + "\"id\":\"ID\",\"attempts\":0}");
  }

  @Test
  void onV1TimeoutAtIsAnExtraFieldAfterData() {
    QueueManager m = QueueManager.builder().connection("m", v1).build();
    m.later(Duration.ofSeconds(5), "A", "d", "q", JobOptions.retryUntil(DEADLINE));

    assertThat(withoutId(v1.delayedPayloads("q").get(0)))
        .isEqualTo(
            "{\"job\":\"A\",\"data\":\"d\",\"timeoutAt\":1700000000,\"id\":\"ID\",\"attempts\":1}");
  }

  @Test
  void producerMiddlewareFieldsFollowTimeoutAtAndData() {
    QueueManager m =
        QueueManager.builder()
            .connection("m", v3)
            .pushListener(
                new PushListener() {
                  @Override
                  public void onPushing(OutgoingJob job) {
                    job.putField("tenant", "acme");
                  }
                })
            .build();
    m.push("A", 1, "q", JobOptions.retryUntil(DEADLINE));

    assertThat(withoutId(v3.readyPayloads("q").get(0)))
        .isEqualTo(
            "{\"job\":\"A\",\"maxTries\":null,\"timeout\":null,\"timeoutAt\":1700000000,\"data\":1,"
                + "\"tenant\":\"acme\",\"id\":\"ID\",\"attempts\":0}");
  }

  @Test
  void theRegistrysRetryForIsStampedFromWhenTheJobIsDue() {
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "A",
                String.class,
                d -> {},
                JobPolicy.builder().retryFor(Duration.ofMinutes(10)).build());
    QueueManager m = QueueManager.builder().connection("m", v3).registry(registry).build();
    long before = Instant.now().getEpochSecond();
    m.push("A", "now", "q");
    m.later(Duration.ofMinutes(1), "A", "later", "q");
    m.bulk("A", List.of("b1", "b2"), "q");
    long after = Instant.now().getEpochSecond();

    List<String> ready = v3.readyPayloads("q");
    assertThat(ready).hasSize(3);
    for (String p : ready) {
      assertThat(Payload.parse(p).timeoutAt().orElseThrow()).isBetween(before + 600, after + 600);
    }
    assertThat(Payload.parse(v3.delayedPayloads("q").get(0)).timeoutAt().orElseThrow())
        .isBetween(before + 660, after + 660);
  }

  @Test
  void anExplicitRetryUntilWinsOverTheRegistrysRetryFor() {
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "A",
                String.class,
                d -> {},
                JobPolicy.builder().retryFor(Duration.ofMinutes(10)).build());
    QueueManager m = QueueManager.builder().connection("m", v3).registry(registry).build();
    m.push("A", "d", "q", JobOptions.retryUntil(DEADLINE));

    assertThat(Payload.parse(v3.readyPayloads("q").get(0)).timeoutAt()).hasValue(1_700_000_000L);
  }

  @Test
  void aPolicyWithoutRetryForLeavesThePayloadAsItWas() {
    MemoryConnector plain = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
    QueueManager without = QueueManager.builder().connection("m", plain).build();
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "A", String.class, d -> {}, JobPolicy.builder().tries(9).maxExceptions(2).build());
    QueueManager with = QueueManager.builder().connection("m", v3).registry(registry).build();
    without.push("A", "d", "q");
    with.push("A", "d", "q");

    assertThat(withoutId(v3.readyPayloads("q").get(0)))
        .isEqualTo(withoutId(plain.readyPayloads("q").get(0)))
        .isEqualTo(
            "{\"job\":\"A\",\"maxTries\":null,\"timeout\":null,\"data\":\"d\",\"id\":\"ID\",\"attempts\":0}");
  }

  @Test
  void aPushsOwnMaxTriesWinsOverTheRegistrysRetryFor() {
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "A",
                String.class,
                d -> {},
                JobPolicy.builder().retryFor(Duration.ofMinutes(10)).build());
    QueueManager m = QueueManager.builder().connection("m", v3).registry(registry).build();
    m.push("A", "d", "q", JobOptions.maxTries(3));

    Payload p = Payload.parse(v3.readyPayloads("q").get(0));
    assertThat(p.maxTries()).hasValue(3);
    assertThat(p.timeoutAt()).as("no deadline to replace the push's count").isEmpty();
  }

  @Test
  void aDelayedSubscribersRetryForCountsFromWhenItsJobIsDue() {
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "A",
                String.class,
                d -> {},
                JobPolicy.builder().retryFor(Duration.ofMinutes(10)).build())
            .subscribe("e", "A", "q", Duration.ofMinutes(30));
    QueueManager m = QueueManager.builder().connection("m", v3).registry(registry).build();
    long before = Instant.now().getEpochSecond();
    m.publish("e", "d");
    long after = Instant.now().getEpochSecond();

    assertThat(Payload.parse(v3.delayedPayloads("q").get(0)).timeoutAt().orElseThrow())
        .isBetween(before + 2400, after + 2400);
  }
}
