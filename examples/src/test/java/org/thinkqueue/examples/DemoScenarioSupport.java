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
package org.thinkqueue.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs both seed scenarios end to end on one backend and checks every side effect happened exactly
 * once.
 */
@Timeout(180)
abstract class DemoScenarioSupport {
  static final int USERS = 20;
  static final int ORDERS = 10;

  protected abstract ExampleApp.Options options();

  @Test
  void everyRegistrationAndTrackingUpdateGetsItsSideEffectsOnce() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Demo.Summary summary;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ExampleApp app =
            ExampleApp.start(options().withFresh(true).withEmailDelay(Duration.ofSeconds(1)))) {
      summary = Demo.run(app, USERS, ORDERS, out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(summary.problems()).as(printed).isEmpty();
    assertThat(summary.emails())
        .hasSize(USERS)
        .allSatisfy((email, times) -> assertThat(times).isEqualTo(1));
    assertThat(summary.salesMessages()).isEqualTo(USERS);
    assertThat(summary.contacts()).hasSize(USERS);
    assertThat(summary.fulfillments()).hasSize(ORDERS).containsKey(Demo.REJECTED_ORDER);
    // The order Shopify refused for good was listed as failed, then ran after the retry.
    assertThat(summary.failedBeforeRetry()).isGreaterThanOrEqualTo(1);
    assertThat(printed)
        .contains("| ID")
        .contains("| SyncTrackingToShopify")
        .contains("fulfillment_shopify_order")
        .contains("has been pushed back onto the queue!");
    // A repeated callback finds its order's sync job still there and pushes nothing; a repeat only
    // makes a second job when the first already ran in the moment between the two calls.
    assertThat(summary.repeatedCallbacks()).isPositive();
    assertThat(summary.pushed())
        .isBetween(3 * USERS + ORDERS, 3 * USERS + ORDERS + summary.repeatedCallbacks() - 1);
    assertThat(summary.retried()).isPositive();
  }
}
