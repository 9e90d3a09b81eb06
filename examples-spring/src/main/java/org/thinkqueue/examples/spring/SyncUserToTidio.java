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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thinkqueue.spring.QueueJob;

/**
 * Queue {@code sync_user_to_tidio}: pushes the new customer to the marketing platform. The simple
 * style: {@code fire(data)} returns (the job is deleted) or throws (the worker releases it with its
 * back-off, {@code think-queue.worker.backoff}, until {@code think-queue.worker.tries} attempts;
 * then {@code failed} is called and the job is kept in the failed-job store).
 */
@Component
@QueueJob("SyncUserToTidio")
public class SyncUserToTidio {
  private static final Logger LOG = LoggerFactory.getLogger(SyncUserToTidio.class);

  private final FakeTidio tidio;

  /**
   * The handler bean.
   *
   * @param tidio the marketing platform's client
   */
  public SyncUserToTidio(FakeTidio tidio) {
    this.tidio = tidio;
  }

  /**
   * Pushes the contact.
   *
   * @param user the new customer
   * @throws IOException when the platform refuses it for now: the job is retried
   */
  public void fire(NewUser user) throws IOException {
    tidio.pushContact(user);
    LOG.info("Customer {} pushed to Tidio", user.id());
  }

  /**
   * Called once the job failed for good.
   *
   * @param user the customer
   * @param cause the last failure
   */
  public void failed(NewUser user, Throwable cause) {
    LOG.error("Customer {} never reached Tidio: {}", user.id(), cause.toString());
  }
}
