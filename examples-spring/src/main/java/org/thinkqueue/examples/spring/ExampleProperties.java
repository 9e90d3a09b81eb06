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

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The example's own settings ({@code example.*} in application.yml).
 *
 * @param queues the queue of each side effect
 * @param welcomeEmailDelay how long after registration the welcome e-mail goes out (the seed's 5 s:
 *     its mailer cannot take bursts)
 * @param retryDelay how long the welcome e-mail job waits before its next attempt
 * @param mailer the fake mail server
 * @param tidio the fake marketing platform
 * @param demo the registrations run at start
 */
@ConfigurationProperties("example")
public record ExampleProperties(
    @DefaultValue Queues queues,
    @DefaultValue("5s") Duration welcomeEmailDelay,
    @DefaultValue("1s") Duration retryDelay,
    @DefaultValue Flaky mailer,
    @DefaultValue Flaky tidio,
    @DefaultValue Demo demo) {

  /**
   * The seed's queue names.
   *
   * @param welcomeEmail the welcome e-mail
   * @param salesRepMessage the message to the sales rep
   * @param tidio the push to the marketing platform
   */
  public record Queues(
      @DefaultValue("user_register_email") String welcomeEmail,
      @DefaultValue("user_register_workman_message") String salesRepMessage,
      @DefaultValue("sync_user_to_tidio") String tidio) {}

  /**
   * A flaky fake: each call fails at this rate, but never more than {@code maxFailuresInARow} times
   * in a row for one user, so the demo's retries always get through.
   *
   * @param failureRate the share of calls that fail, 0 to 1
   * @param maxFailuresInARow the most failures in a row for one address
   * @param latency how long a call takes
   */
  public record Flaky(
      @DefaultValue("0.3") double failureRate,
      @DefaultValue("2") int maxFailuresInARow,
      @DefaultValue("50ms") Duration latency) {}

  /**
   * The demo run at start.
   *
   * @param enabled whether to run it
   * @param timeout the longest it waits for the side effects
   */
  public record Demo(
      @DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration timeout) {}
}
