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
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thinkqueue.Job;
import org.thinkqueue.spring.QueueJob;

/**
 * The seed's consumer class as a Spring bean. {@code @QueueJob} on the class gives think-queue's
 * {@code Class@method} names: {@code UserRegisterJob@sendRegisterSuccessWelcomeEmail} and {@code
 * UserRegisterJob@sendWorkmanMessage}; the alias makes the PHP producer's name, {@code
 * common\job\UserRegisterJob@sendRegisterSuccessWelcomeEmail}, run the same method.
 *
 * <p>The welcome e-mail is written the seed's way, {@code (Job, data)}: it deletes the job on
 * success and, on failure, looks at {@code attempts()}. Where the seed gives up after 3 retries by
 * logging and deleting, this calls {@code job.fail(e)}: the job lands in the failed-job store,
 * visible and retryable (GET /actuator/thinkqueue). The sales-rep message is the simple style,
 * {@code (data)}: returning deletes the job, throwing retries it with the worker's back-off.
 */
@Component
@QueueJob(name = "UserRegisterJob", aliases = "common\\job\\UserRegisterJob")
public class UserRegisterJob {
  private static final Logger LOG = LoggerFactory.getLogger(UserRegisterJob.class);

  /** The seed deletes the job after more than 3 attempts; this fails it after the 4th. */
  static final int MAX_ATTEMPTS = 4;

  private final FakeMailer mailer;
  private final FakeSalesRepChat chat;
  private final Duration retryDelay;

  /**
   * The handler bean.
   *
   * @param mailer sends the welcome e-mail
   * @param chat reaches the sales reps
   * @param properties the example's settings ({@code example.retry-delay})
   */
  public UserRegisterJob(FakeMailer mailer, FakeSalesRepChat chat, ExampleProperties properties) {
    this.mailer = mailer;
    this.chat = chat;
    this.retryDelay = properties.retryDelay();
  }

  /**
   * Queue {@code user_register_email}: the welcome e-mail, pushed with a 5 s delay.
   *
   * @param job the job, deleted, released or failed here
   * @param email the new user's address (the seed's payload data)
   */
  public void sendRegisterSuccessWelcomeEmail(Job job, String email) {
    try {
      mailer.send(email, "Welcome!", "Thanks for registering.");
      job.delete();
      LOG.info("Welcome e-mail sent (job {}, attempt {})", job.getId(), job.attempts());
    } catch (IOException e) {
      if (job.attempts() >= MAX_ATTEMPTS) {
        LOG.error(
            "Welcome e-mail failed {} times, giving up (job {})", job.attempts(), job.getId());
        job.fail(e);
      } else {
        LOG.warn(
            "Welcome e-mail failed (job {}, attempt {}): {}; retrying in {}",
            job.getId(),
            job.attempts(),
            e.getMessage(),
            retryDelay);
        job.release(retryDelay);
      }
    }
  }

  /**
   * Queue {@code user_register_workman_message}: tells the sales rep about the new customer.
   *
   * @param user the new customer
   */
  public void sendWorkmanMessage(NewUser user) {
    chat.newCustomer(user);
    LOG.info("Sales rep {} told about customer {}", user.salesRep(), user.id());
  }
}
