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
package org.thinkqueue.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.thinkqueue.examples.spring.SideEffects.Kind;

/**
 * What a newcomer runs: the demo at start, here with fakes failing half their calls (never more
 * than twice in a row for one address) so every retry path runs, and no delays. It ends with exit
 * code 0: each committed registration sent each side effect once, the rolled-back ones nothing.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.NONE,
    properties = {
      "example.queues.welcome-email=he-demo-user_register_email",
      "example.queues.sales-rep-message=he-demo-user_register_workman_message",
      "example.queues.tidio=he-demo-sync_user_to_tidio",
      "example.welcome-email-delay=0s",
      "example.retry-delay=0s",
      "example.mailer.failure-rate=0.5",
      "example.mailer.latency=0s",
      "example.tidio.failure-rate=0.5",
      "example.tidio.latency=0s",
      "think-queue.worker.sleep=100ms",
      "think-queue.worker.backoff=0"
    })
class RegistrationDemoTest {
  @Autowired RegistrationDemo demo;
  @Autowired SideEffects sideEffects;

  @Test
  void theDemoSendsEachSideEffectOncePerCommittedRegistration() {
    assertThat(demo.getExitCode()).isZero();
    for (Kind kind : Kind.values()) {
      assertThat(sideEffects.count(kind, "ada@example.com")).as(kind.name()).isEqualTo(1);
      assertThat(sideEffects.count(kind, "grace@example.com")).as(kind.name()).isEqualTo(1);
      assertThat(sideEffects.count(kind, "linus@example.com")).as(kind.name()).isEqualTo(1);
      assertThat(sideEffects.count(kind, "mallory@example.com")).as(kind.name()).isZero();
    }
  }
}
