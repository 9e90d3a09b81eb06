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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.Job;

/**
 * The seed's consumer, written the seed's way: each method gets {@code (Job, data)}, deletes the
 * job itself on success, and on failure looks at {@code attempts()}. Registered with {@code
 * registry.registerMethods("UserRegisterJob", ...)}, so its methods answer to {@code
 * UserRegisterJob@sendRegisterSuccessWelcomeEmail} and, through an alias, to the PHP name {@code
 * common\job\UserRegisterJob@sendRegisterSuccessWelcomeEmail}.
 *
 * <p>Where the seed gives up after 3 attempts by logging, e-mailing the developer and deleting,
 * this calls {@code job.fail(e)}: the job lands in the failed-job store, visible and retryable,
 * instead of being lost.
 */
public final class UserRegisterJob {
  private static final Logger LOG = LoggerFactory.getLogger(UserRegisterJob.class);
  static final int MAX_ATTEMPTS = 4;

  private final Mailer mailer;
  private final List<String> salesRepMessages = new CopyOnWriteArrayList<>();

  public UserRegisterJob(Mailer mailer) {
    this.mailer = mailer;
  }

  /**
   * Queue {@code user_register_email}, subscribed to {@link UserService#USER_REGISTERED}: the
   * welcome e-mail for a published registration.
   */
  public void sendWelcomeEmail(Job job, NewUser user) {
    sendRegisterSuccessWelcomeEmail(job, user.email());
  }

  /**
   * Queue {@code user_register_email}: the welcome e-mail as the PHP app pushes it, with the
   * address as its data.
   */
  public void sendRegisterSuccessWelcomeEmail(Job job, String email) {
    try {
      mailer.send(email, "Welcome!", "Thanks for registering.");
      job.delete();
    } catch (Exception e) {
      if (job.attempts() >= MAX_ATTEMPTS) {
        LOG.error(
            "Welcome e-mail job {} failed {} times: {}", job.getId(), job.attempts(), e.toString());
        job.fail(e);
      } else {
        job.release(1);
      }
    }
  }

  /** Queue {@code user_register_workman_message}: the real-time message to the user's sales rep. */
  public void sendWorkmanMessage(Job job, NewUser user) {
    salesRepMessages.add(
        user.salesRep() + ": new customer " + user.name() + " (" + user.email() + ")");
    job.delete();
  }

  public List<String> salesRepMessages() {
    return List.copyOf(salesRepMessages);
  }
}
