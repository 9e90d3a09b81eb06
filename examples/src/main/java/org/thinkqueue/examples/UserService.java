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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.thinkqueue.QueueConnection;

/**
 * Registration, after the seed's fix: the user is stored and the three slow side effects are only
 * enqueued, so registration is fast and a failing mail server cannot break it. On the database
 * driver the jobs are written in the same transaction as the user (a rollback leaves neither); on
 * Redis they are pushed right after the commit, so no e-mail ever goes to a user who was rolled
 * back.
 */
public final class UserService {
  /** The seed delays the welcome e-mail by 5 seconds: its mailer cannot take bursts. */
  public static final int WELCOME_EMAIL_DELAY_SECONDS = 5;

  private final DataSource db;
  private final QueueConnection queue;
  private final Duration emailDelay;
  private final AtomicLong ids = new AtomicLong();
  private final PushRecorder recorder;

  public UserService(
      DataSource db, QueueConnection queue, Duration emailDelay, PushRecorder recorder) {
    this.db = db;
    this.queue = queue;
    this.emailDelay = emailDelay;
    this.recorder = recorder;
  }

  public NewUser register(String email, String name, String salesRep) throws SQLException {
    NewUser user = new NewUser(ids.incrementAndGet(), email, name, salesRep);
    boolean inTransaction = queue.supportsTransactionalPush();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO example_users (email, name, sales_rep, created_at) VALUES (?, ?, ?, ?)")) {
          ps.setString(1, email);
          ps.setString(2, name);
          ps.setString(3, salesRep);
          ps.setLong(4, System.currentTimeMillis() / 1000);
          ps.executeUpdate();
        }
        if (inTransaction) {
          enqueue(c, user);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (!inTransaction) {
      enqueue(null, user); // enqueue after commit
    }
    return user;
  }

  private void enqueue(Connection c, NewUser user) {
    // The seed's own call, PHP name and all: Queue::later(5, 'common\job\UserRegisterJob@...',
    // $email, $queue)
    String email = "common\\job\\UserRegisterJob@sendRegisterSuccessWelcomeEmail";
    String message = "UserRegisterJob@sendWorkmanMessage";
    long start = System.nanoTime();
    if (c != null) {
      recorder.pushed(
          queue.later(c, emailDelay, email, user.email(), "user_register_email"),
          start,
          emailDelay);
      recorder.pushed(
          queue.push(c, message, user, "user_register_workman_message"), start, Duration.ZERO);
      recorder.pushed(
          queue.push(c, "SyncUserToTidio", user, "sync_user_to_tidio"), start, Duration.ZERO);
    } else {
      recorder.pushed(
          queue.later(emailDelay, email, user.email(), "user_register_email"), start, emailDelay);
      recorder.pushed(
          queue.push(message, user, "user_register_workman_message"), start, Duration.ZERO);
      recorder.pushed(
          queue.push("SyncUserToTidio", user, "sync_user_to_tidio"), start, Duration.ZERO);
    }
  }
}
