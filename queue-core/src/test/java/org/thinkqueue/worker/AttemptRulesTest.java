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
package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;

/** Precedence: the payload's fields, then the handler's policy, then the worker's settings. */
class AttemptRulesTest {
  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
  private final QueueManager manager =
      QueueManager.builder()
          .connection("m", new MemoryConnector())
          .registry(new JobRegistry())
          .build();
  private final WorkerSettings worker =
      new WorkerSettings(
          manager,
          null,
          List.of(),
          1,
          3,
          Backoff.fixed(Duration.ofSeconds(1)),
          1024,
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          0,
          false,
          0,
          null,
          Clock.systemUTC(),
          Ticker.SYSTEM,
          null,
          List.of(),
          List.of(),
          false);

  @AfterEach
  void close() {
    manager.close();
  }

  private static Payload v3(String maxTries, String timeout, String timeoutAt) {
    return Payload.parse(
        "{\"job\":\"A\",\"maxTries\":"
            + maxTries
            + ",\"timeout\":"
            + timeout
            + (timeoutAt == null ? "" : ",\"timeoutAt\":" + timeoutAt)
            + ",\"data\":\"\",\"id\":\"i\",\"attempts\":0}");
  }

  private final JobPolicy handler =
      JobPolicy.builder()
          .tries(5)
          .timeout(Duration.ofSeconds(20))
          .backoff(Backoff.fixed(Duration.ofSeconds(9)))
          .build();

  @Test
  void theWorkersSettingsApplyWhenNothingElseSaysOtherwise() {
    AttemptRules r =
        AttemptRules.resolve(v3("null", "null", null), JobPolicy.WORKER_DEFAULTS, worker, NOW);
    assertThat(r.maxTries()).isEqualTo(3);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(r.backoff().delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.deadline()).isEmpty();
  }

  @Test
  void theHandlersPolicyWinsOverTheWorker() {
    AttemptRules r = AttemptRules.resolve(v3("null", "null", null), handler, worker, NOW);
    assertThat(r.maxTries()).isEqualTo(5);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(r.backoff().delayAfter(1)).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void thePayloadWinsOverTheHandler() {
    AttemptRules r = AttemptRules.resolve(v3("2", "7", null), handler, worker, NOW);
    assertThat(r.maxTries()).isEqualTo(2);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(r.backoff().delayAfter(1))
        .as("payloads carry no back-off")
        .isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void theDeadlineRuleIsThinkQueues() {
    long at = NOW.getEpochSecond() + 60;
    AttemptRules r = AttemptRules.resolve(v3("1", "null", Long.toString(at)), handler, worker, NOW);
    assertThat(r.deadline()).hasValue(at);
    assertThat(r.deadlineToStamp()).isFalse();
    assertThat(r.exhaustedBeforeRun(99, at)).as("now <= timeoutAt runs").isNull();
    assertThat(r.exhaustedBeforeRun(1, at + 1)).isNotNull();
    RuntimeException e = new RuntimeException();
    assertThat(r.failsOnThrow(e, 99, at - 1)).as("the count does not apply").isNull();
    assertThat(r.failsOnThrow(e, 1, at)).as("timeoutAt <= now fails").isNotNull();
  }

  @Test
  void aZeroTimeoutAtIsNoDeadlineAsInPhp() {
    AttemptRules r = AttemptRules.resolve(v3("null", "null", "0"), handler, worker, NOW);
    assertThat(r.deadline()).isEmpty();
  }

  @Test
  void retryForCountsFromThisAttemptWhenThePayloadHasNoDeadline() {
    JobPolicy p = JobPolicy.builder().retryFor(Duration.ofMinutes(2)).build();
    AttemptRules r = AttemptRules.resolve(v3("null", "null", null), p, worker, NOW);
    assertThat(r.deadline()).hasValue(NOW.getEpochSecond() + 120);
    assertThat(r.deadlineToStamp()).isTrue();

    AttemptRules stamped =
        AttemptRules.resolve(
            v3("null", "null", Long.toString(NOW.getEpochSecond() + 5)), p, worker, NOW);
    assertThat(stamped.deadline()).as("the payload's wins").hasValue(NOW.getEpochSecond() + 5);
    assertThat(stamped.deadlineToStamp()).isFalse();
  }

  @Test
  void exceptionsAreCountedFromThePayloadField() {
    JobPolicy p = JobPolicy.builder().tries(0).maxExceptions(3).build();
    Payload two =
        Payload.parse("{\"job\":\"A\",\"data\":\"\",\"exceptions\":2,\"id\":\"i\",\"attempts\":4}");
    AttemptRules r = AttemptRules.resolve(two, p, worker, NOW);
    assertThat(r.exceptionsSoFar()).isEqualTo(2);
    assertThat(r.failsOnThrow(new RuntimeException(), 5, 0)).contains("exception 3 of at most 3");
    assertThat(AttemptRules.resolve(v3("null", "null", null), p, worker, NOW).exceptionsSoFar())
        .isZero();
  }
}
