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

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.thinkqueue.QueueManager;
import org.thinkqueue.examples.spring.SideEffects.Kind;

/**
 * Runs at start (unless {@code example.demo.enabled=false}): five registrations, three that commit
 * and two that roll back (a duplicate address, refused by the insert; an unknown sales rep, refused
 * after the three jobs were pushed), then waits for the worker and prints what was sent. Its exit
 * code is 0 when every committed registration got each side effect once and the rolled-back ones
 * none.
 */
@Component
@ConditionalOnProperty(
    prefix = "example.demo",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class RegistrationDemo implements ApplicationRunner, ExitCodeGenerator {
  private record Registration(String email, String name, String salesRep) {}

  private static final List<Registration> REGISTRATIONS =
      List.of(
          new Registration("ada@example.com", "Ada", "anna"),
          new Registration("grace@example.com", "Grace", "bo"),
          new Registration("linus@example.com", "Linus", "chen"),
          new Registration("ada@example.com", "Ada again", "bo"),
          new Registration("mallory@example.com", "Mallory", "zed"));

  private final UserService users;
  private final JdbcTemplate jdbc;
  private final SideEffects sideEffects;
  private final QueueManager queue;
  private final ExampleProperties properties;
  private final ObjectProvider<HealthEndpoint> health;
  private final PrintStream out = System.out;
  private volatile boolean ok;

  /**
   * The demo.
   *
   * @param users registers
   * @param jdbc removes the users of an earlier run
   * @param sideEffects what the fakes delivered
   * @param queue for the queue sizes and failed jobs in the summary
   * @param properties the example's settings
   * @param health Actuator's health endpoint, when present
   */
  public RegistrationDemo(
      UserService users,
      JdbcTemplate jdbc,
      SideEffects sideEffects,
      QueueManager queue,
      ExampleProperties properties,
      ObjectProvider<HealthEndpoint> health) {
    this.users = users;
    this.jdbc = jdbc;
    this.sideEffects = sideEffects;
    this.queue = queue;
    this.properties = properties;
    this.health = health;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    out.printf(
        "%n== Registering %d users on connection '%s' ==%n",
        REGISTRATIONS.size(), queue.defaultConnectionName());
    // A database that outlives the run (the postgres profile) still has the last run's users.
    REGISTRATIONS.forEach(r -> jdbc.update("DELETE FROM shop_users WHERE email = ?", r.email()));
    long failedBefore = queue.failed().count();
    List<String> committed = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Registration r : REGISTRATIONS) {
      try {
        NewUser user = users.register(r.email(), r.name(), r.salesRep());
        committed.add(user.email());
        out.printf(
            "  committed    %-22s (user %d, sales rep %s)%n", r.email(), user.id(), r.salesRep());
      } catch (RegistrationRefusedException e) {
        refused.add(r.email());
        out.printf("  rolled back  %-22s (%s)%n", r.email(), e.getMessage());
      }
    }
    out.printf(
        "== Waiting for the worker: the welcome e-mails are delayed by %ss ==%n",
        properties.welcomeEmailDelay().toMillis() / 1000.0);
    int expected = committed.size() * Kind.values().length;
    boolean done = sideEffects.awaitDelivered(expected, properties.demo().timeout());
    long left = awaitEmptyQueues(Duration.ofSeconds(5));
    ok = done && left == 0 && summary(committed, refused, left, failedBefore);
  }

  /** Jobs are deleted just after their handler recorded the delivery: give them a moment. */
  private long awaitEmptyQueues(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long left = jobsLeft();
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = jobsLeft();
    }
    return left;
  }

  private long jobsLeft() {
    ExampleProperties.Queues q = properties.queues();
    return queue.size(q.welcomeEmail()).total()
        + queue.size(q.salesRepMessage()).total()
        + queue.size(q.tidio()).total();
  }

  private boolean summary(
      List<String> committed, List<String> refused, long left, long failedBefore) {
    boolean good = true;
    out.printf("%n== Summary ==%n");
    out.printf(
        "  %-22s %-12s %8s %10s %6s%n", "user", "registration", "e-mails", "sales rep", "Tidio");
    List<String> all = new ArrayList<>(committed);
    refused.stream().filter(e -> !committed.contains(e)).forEach(all::add);
    for (String email : all) {
      int mails = sideEffects.count(Kind.WELCOME_EMAIL, email);
      int messages = sideEffects.count(Kind.SALES_REP_MESSAGE, email);
      int contacts = sideEffects.count(Kind.TIDIO_CONTACT, email);
      boolean isCommitted = committed.contains(email);
      int want = isCommitted ? 1 : 0;
      good &= mails == want && messages == want && contacts == want;
      out.printf(
          "  %-22s %-12s %8d %10d %6d%n",
          email, isCommitted ? "committed" : "rolled back", mails, messages, contacts);
    }
    out.printf(
        "  failed calls, retried by the worker: %d e-mail, %d Tidio%n",
        sideEffects.failures(Kind.WELCOME_EMAIL), sideEffects.failures(Kind.TIDIO_CONTACT));
    // Only this run's: a Redis or database of your own may hold failed jobs from before.
    long failedJobs = queue.failed().count() - failedBefore;
    out.printf("  jobs left in the queues: %d, jobs failed for good: %d%n", left, failedJobs);
    HealthEndpoint endpoint = health.getIfAvailable();
    if (endpoint != null) {
      HealthComponent thinkQueue = endpoint.healthForPath("thinkQueue");
      out.printf(
          "  health of thinkQueue: %s%n", thinkQueue == null ? "absent" : thinkQueue.getStatus());
    }
    good &= failedJobs == 0;
    out.println(
        good
            ? "OK: each committed registration sent each side effect once; the rolled-back ones"
                + " sent nothing."
            : "PROBLEM: see the table above.");
    return good;
  }

  @Override
  public int getExitCode() {
    return ok ? 0 : 1;
  }
}
