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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.thinkqueue.QueueConnection;

/**
 * Registration, after the seed's fix: the user is stored and the three slow side effects are only
 * enqueued, as one published event ({@link #USER_REGISTERED}) fanned out to a job per side effect,
 * so registration is fast and a failing mail server cannot break it. On the database driver the
 * jobs are written in the same transaction as the user (a rollback leaves neither); on Redis they
 * are pushed right after the commit, so no e-mail ever goes to a user who was rolled back.
 */
public final class UserService {
  /** The seed delays the welcome e-mail by 5 seconds: its mailer cannot take bursts. */
  public static final int WELCOME_EMAIL_DELAY_SECONDS = 5;

  /** The event a registration publishes; {@link ExampleApp} subscribes the side effects to it. */
  public static final String USER_REGISTERED = "user.registered";

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
    // One event, three side effects (ExampleApp subscribes the welcome e-mail, delayed as the
    // seed's Queue::later(5, ...), the sales rep's message and the marketing sync): one job per
    // subscriber, all written or none, inside the registration's transaction on the database.
    long start = System.nanoTime();
    List<String> ids =
        c != null ? queue.publish(c, USER_REGISTERED, user) : queue.publish(USER_REGISTERED, user);
    recorder.pushed(ids.get(0), start, emailDelay);
    for (String id : ids.subList(1, ids.size())) {
      recorder.pushed(id, start, Duration.ZERO);
    }
  }
}
