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

/** The foreign marketing platform (Tidio), faked: long round trips, and now and then a 503. */
@Component
public class FakeTidio {
  private final ExampleProperties.Flaky settings;
  private final Flakiness flakiness;
  private final SideEffects sideEffects;

  /**
   * A platform that records the contacts it receives.
   *
   * @param properties the example's settings ({@code example.tidio.*})
   * @param sideEffects where deliveries are recorded
   */
  public FakeTidio(ExampleProperties properties, SideEffects sideEffects) {
    this.settings = properties.tidio();
    this.flakiness = new Flakiness(settings);
    this.sideEffects = sideEffects;
  }

  /**
   * Creates or updates the contact of a new customer.
   *
   * @param user the customer
   * @throws IOException when the (fake) API answers 503
   */
  public void pushContact(NewUser user) throws IOException {
    Flakiness.pause(settings.latency());
    if (flakiness.shouldFail(user.email())) {
      sideEffects.failed(Kind.TIDIO_CONTACT);
      throw new IOException("POST /contacts answered 503 Service Unavailable");
    }
    sideEffects.delivered(Kind.TIDIO_CONTACT, user.email());
  }
}
