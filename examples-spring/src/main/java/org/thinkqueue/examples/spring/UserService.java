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

import java.sql.PreparedStatement;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thinkqueue.QueueManager;

/**
 * Registration after the seed's fix: the user is stored and the three slow side effects are only
 * enqueued, inside one {@code @Transactional} method. On the JDBC connection the jobs are rows
 * written in the registration's own transaction; on Redis they are sent when it commits. Either way
 * a registration that rolls back, even after its pushes, sends nothing.
 */
@Service
public class UserService {
  private final JdbcTemplate jdbc;
  private final QueueManager queue;
  private final ExampleProperties properties;

  /**
   * The service.
   *
   * @param jdbc the users' database
   * @param queue the queue the side effects are pushed to
   * @param properties the example's settings (queue names, the e-mail's delay)
   */
  public UserService(JdbcTemplate jdbc, QueueManager queue, ExampleProperties properties) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.properties = properties;
  }

  /**
   * Registers a user and enqueues the welcome e-mail (delayed), the sales-rep message and the push
   * to the marketing platform.
   *
   * @param email the address, unique
   * @param name the display name
   * @param salesRep the sales rep to assign, one of the sales_reps table
   * @return the new user
   * @throws RegistrationRefusedException when the address is taken or the sales rep unknown; the
   *     transaction rolls back, the jobs pushed before included
   */
  @Transactional
  public NewUser register(String email, String name, String salesRep) {
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new RegistrationRefusedException("not an e-mail address");
    }
    long id = insert(email, name, salesRep);
    NewUser user = new NewUser(id, email, name, salesRep);

    ExampleProperties.Queues queues = properties.queues();
    // The seed: Queue::later(5, 'common\job\UserRegisterJob@sendRegisterSuccessWelcomeEmail',
    // $email, 'user_register_email')
    queue.later(
        properties.welcomeEmailDelay(),
        "UserRegisterJob@sendRegisterSuccessWelcomeEmail",
        email,
        queues.welcomeEmail());
    queue.push("UserRegisterJob@sendWorkmanMessage", user, queues.salesRepMessage());
    queue.push("SyncUserToTidio", user, queues.tidio());

    // Work after the pushes that can still fail: here the seed would already have sent the e-mail.
    int assigned =
        jdbc.update(
            "UPDATE shop_sales_reps SET customers = customers + 1 WHERE name = ?", salesRep);
    if (assigned == 0) {
      throw new RegistrationRefusedException("no sales rep named " + salesRep);
    }
    return user;
  }

  private long insert(String email, String name, String salesRep) {
    KeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.update(
          c -> {
            PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO shop_users (email, name, sales_rep) VALUES (?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, email);
            ps.setString(2, name);
            ps.setString(3, salesRep);
            return ps;
          },
          key);
    } catch (DuplicateKeyException e) {
      throw new RegistrationRefusedException("e-mail already registered");
    }
    return Objects.requireNonNull(key.getKey(), "generated id").longValue();
  }

  /**
   * Whether a user with this address exists.
   *
   * @param email the address
   * @return true if registered (and committed, seen from outside a transaction)
   */
  public boolean exists(String email) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_users WHERE email = ?", Integer.class, email);
    return n != null && n > 0;
  }
}
