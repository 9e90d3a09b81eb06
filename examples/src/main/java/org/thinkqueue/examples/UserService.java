package org.thinkqueue.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.thinkqueue.Queue;

/**
 * Registration, after the seed's fix: the user is stored and the three slow side effects are only enqueued, so
 * registration is fast and a failing mail server cannot break it.
 */
public final class UserService {
  /** The seed delays the welcome e-mail by 5 seconds: its mailer cannot take bursts. */
  public static final int WELCOME_EMAIL_DELAY_SECONDS = 5;

  private final Map<Long, NewUser> users = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final int emailDelaySeconds;

  public UserService(int emailDelaySeconds) {
    this.emailDelaySeconds = emailDelaySeconds;
  }

  public NewUser register(String email, String name, String salesRep) {
    NewUser user = new NewUser(ids.incrementAndGet(), email, name, salesRep);
    users.put(user.id(), user);
    // The PHP name works too: the registry aliases common\job\UserRegisterJob to UserRegisterJob.
    Queue.later(emailDelaySeconds, "common\\job\\UserRegisterJob@sendRegisterSuccessWelcomeEmail", email,
        "user_register_email");
    Queue.push("UserRegisterJob@sendWorkmanMessage", user, "user_register_workman_message");
    Queue.push("SyncUserToTidio", user, "sync_user_to_tidio");
    return user;
  }

  public int userCount() {
    return users.size();
  }
}
