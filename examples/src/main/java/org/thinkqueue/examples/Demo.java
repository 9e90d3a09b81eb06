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

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.thinkqueue.cli.QueueCli;
import org.thinkqueue.worker.Worker;

/**
 * Both scenarios, producer and worker in one JVM: registers users and receives tracking callbacks,
 * lets a worker on the seed's queues run the side effects against flaky fakes, shows the one order
 * Shopify refuses for good landing in the failed-job store, fixes it, retries it, and checks every
 * side effect happened exactly once.
 */
public final class Demo {
  /** Shopify refuses this order until the demo "fixes" it. */
  static final String REJECTED_ORDER = "ORDER-REJECTED";

  /** What the demo saw. */
  public record Summary(
      int users,
      int orders,
      int repeatedCallbacks,
      int pushed,
      int processed,
      int retried,
      int failedJobs,
      int failedBeforeRetry,
      double p50Millis,
      double p99Millis,
      Map<String, Integer> emails,
      int salesMessages,
      Map<String, Integer> contacts,
      Map<String, Integer> fulfillments,
      List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static volatile boolean showProgress;

  /** Every this many orders the carrier calls the tracking callback twice. */
  static final int REPEAT_EVERY = 4;

  private Demo() {}

  /** How many callbacks the carrier repeats for {@code orderCount} orders. */
  static int repeatedCallbacks(int orderCount) {
    return Math.max(0, orderCount - 1) / REPEAT_EVERY;
  }

  public static Summary run(ExampleApp app, int userCount, int orderCount, PrintStream out)
      throws Exception {
    out.printf(
        "think-queue demo on %s: %d registrations, %d tracking callbacks%n",
        app.backend, userCount, orderCount);
    Worker worker =
        Worker.builder()
            .manager(app.queues)
            .queues(ExampleApp.SEED_QUEUES)
            .threads(8)
            .tries(5)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
            .sleep(Duration.ofSeconds(1))
            .timeout(Duration.ofSeconds(30))
            .listener(app.recorder)
            .build();
    worker.start();
    Thread progress = progressLine(app, out);
    int failedBeforeRetry;
    try {
      app.apis.rejectOrder(REJECTED_ORDER);
      long start = System.nanoTime();
      for (int i = 1; i <= userCount; i++) {
        app.users.register("user" + i + "@example.com", "User " + i, "rep" + (i % 3 + 1));
      }
      for (int i = 1; i < orderCount; i++) {
        Tracking tracking = new Tracking("ORDER-" + i, "TRK" + (100000 + i), "DHL");
        app.fulfillment.onTrackingCallback(tracking);
        if (i % REPEAT_EVERY == 0) {
          // The carrier calls twice: the unique key per order makes no second sync job.
          app.fulfillment.onTrackingCallback(tracking);
        }
      }
      if (orderCount > 0) {
        app.fulfillment.onTrackingCallback(new Tracking(REJECTED_ORDER, "TRK999999", "UPS"));
      }
      long enqueueMillis = (System.nanoTime() - start) / 1_000_000;
      drain(app, Duration.ofSeconds(120));
      failedBeforeRetry = (int) app.queues.failed().count();
      showProgress = false;
      out.printf(
          "%nEnqueued everything in %d ms. Failed jobs after the first pass ('failed'):%n",
          enqueueMillis);
      QueueCli cli =
          QueueCli.builder()
              .manager(app.queues)
              .out(new PrintWriter(out, true))
              .err(new PrintWriter(out, true))
              .handleSignals(false)
              .build();
      cli.execute("failed");
      out.println("Fixing the order on the Shopify side, then 'retry all':");
      app.apis.acceptOrder(REJECTED_ORDER);
      cli.execute("retry", "all");
      showProgress = true;
      drain(app, Duration.ofSeconds(60));
    } finally {
      worker.close();
      progress.interrupt();
      progress.join(1000);
    }
    return summarize(app, userCount, orderCount, failedBeforeRetry, out);
  }

  private static void drain(ExampleApp app, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (app.jobsLeft() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private static Thread progressLine(ExampleApp app, PrintStream out) {
    showProgress = true;
    Thread t =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(1000);
                  if (!showProgress) {
                    continue;
                  }
                  PushRecorder r = app.recorder;
                  out.printf(
                      "\r  pushed %5d  processed %5d  retried %4d  failed %3d  waiting %5d   ",
                      r.pushed.get(),
                      r.processed.get(),
                      r.retried.get(),
                      r.failed.get(),
                      app.jobsLeft());
                  out.flush();
                }
              } catch (InterruptedException e) {
                // done
              } catch (RuntimeException e) {
                // the store is closing
              }
            },
            "demo-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Summary summarize(
      ExampleApp app, int userCount, int orderCount, int failedBeforeRetry, PrintStream out) {
    PushRecorder r = app.recorder;
    Map<String, Integer> emails = app.mailer.sent();
    Map<String, Integer> contacts = app.apis.contacts();
    Map<String, Integer> fulfillments = app.apis.fulfillments();
    List<String> problems = new ArrayList<>();
    for (int i = 1; i <= userCount; i++) {
      String email = "user" + i + "@example.com";
      if (emails.getOrDefault(email, 0) != 1) {
        problems.add(
            "welcome e-mail to " + email + " sent " + emails.getOrDefault(email, 0) + " times");
      }
      if (contacts.getOrDefault(email, 0) < 1) {
        problems.add("marketing platform never received " + email);
      }
    }
    if (app.registerJob.salesRepMessages().size() != userCount) {
      problems.add(
          app.registerJob.salesRepMessages().size()
              + " sales-rep messages for "
              + userCount
              + " users");
    }
    for (int i = 1; i <= orderCount; i++) {
      String order = i == orderCount ? REJECTED_ORDER : "ORDER-" + i;
      if (fulfillments.getOrDefault(order, 0) < 1) {
        problems.add("Shopify never received the tracking of " + order);
      }
    }
    long left = app.jobsLeft();
    if (left > 0) {
      problems.add(left + " jobs still in the queues");
    }
    long failedNow = app.queues.failed().count();
    if (failedNow > 0) {
      problems.add(failedNow + " jobs still in the failed-job store after the retry");
    }
    Summary s =
        new Summary(
            userCount,
            orderCount,
            repeatedCallbacks(orderCount),
            r.pushed.get(),
            r.processed.get(),
            r.retried.get(),
            r.failed.get(),
            failedBeforeRetry,
            r.latencyMillis(50),
            r.latencyMillis(99),
            emails,
            app.registerJob.salesRepMessages().size(),
            contacts,
            fulfillments,
            problems);
    out.printf("%n%nSummary%n");
    out.printf("  %-34s %8d%n", "registrations", userCount);
    out.printf("  %-34s %8d%n", "tracking callbacks", orderCount);
    out.printf("  %-34s %8d%n", "  of which the carrier repeated", s.repeatedCallbacks());
    out.printf("  %-34s %8d%n", "jobs pushed (distinct)", s.pushed());
    out.printf("  %-34s %8d%n", "jobs processed (handler returned)", s.processed());
    out.printf("  %-34s %8d%n", "retries (attempts after the first)", s.retried());
    out.printf("  %-34s %8d%n", "failed for good, then retried", s.failedJobs());
    out.printf("  %-34s %8.1f ms%n", "push -> start latency p50", s.p50Millis());
    out.printf("  %-34s %8.1f ms%n", "push -> start latency p99", s.p99Millis());
    out.printf(
        "  %-34s %8d%n",
        "welcome e-mails sent", emails.values().stream().mapToInt(Integer::intValue).sum());
    out.printf("  %-34s %8d%n", "sales-rep messages", s.salesMessages());
    out.printf("  %-34s %8d%n", "marketing platform contacts", contacts.size());
    out.printf("  %-34s %8d%n", "Shopify tracking updates", fulfillments.size());
    out.println(
        problems.isEmpty()
            ? "OK: every registration and every tracking update got its side effects, once."
            : "PROBLEMS:\n  " + String.join("\n  ", problems));
    return s;
  }
}
