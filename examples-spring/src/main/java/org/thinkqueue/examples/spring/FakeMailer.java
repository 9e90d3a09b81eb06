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

import java.io.IOException;
import org.springframework.stereotype.Component;
import org.thinkqueue.examples.spring.SideEffects.Kind;

/**
 * The seed's PHPMailer-based sender, faked: slow, and now and then the server answers "451 try
 * again later".
 */
@Component
public class FakeMailer {
  private final ExampleProperties.Flaky settings;
  private final Flakiness flakiness;
  private final SideEffects sideEffects;

  /**
   * A mailer that records what it sends.
   *
   * @param properties the example's settings ({@code example.mailer.*})
   * @param sideEffects where deliveries are recorded
   */
  public FakeMailer(ExampleProperties properties, SideEffects sideEffects) {
    this.settings = properties.mailer();
    this.flakiness = new Flakiness(settings);
    this.sideEffects = sideEffects;
  }

  /**
   * Sends an e-mail.
   *
   * @param to the address
   * @param subject the subject
   * @param body the text
   * @throws IOException when the (fake) server refuses it for now
   */
  public void send(String to, String subject, String body) throws IOException {
    Flakiness.pause(settings.latency());
    if (flakiness.shouldFail(to)) {
      sideEffects.failed(Kind.WELCOME_EMAIL);
      throw new IOException("SMTP server said 451: try again later");
    }
    sideEffects.delivered(Kind.WELCOME_EMAIL, to);
  }
}
