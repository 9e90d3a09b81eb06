package org.thinkqueue.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.thinkqueue.Job;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Queue;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.JobFailed;
import org.thinkqueue.worker.JobProcessed;
import org.thinkqueue.worker.JobProcessing;
import org.thinkqueue.worker.JobReleased;
import org.thinkqueue.worker.Worker;
import org.thinkqueue.worker.WorkerListener;

/**
 * The registration scenario of the seed, producer and worker in one JVM: {@code java -jar examples.jar demo}.
 * Registers users; each registration enqueues a delayed welcome e-mail, a message to the sales rep and a sync to the
 * marketing platform; a worker on the seed's queues runs them against flaky local fakes and prints think-queue's
 * per-job lines, then a summary.
 */
public final class ExamplesMain {
  static final List<String> SEED_QUEUES = List.of("user_register_email", "user_register_workman_message",
      "sync_user_to_tidio", "order_sync_mabang_track", "fulfillment_shopify_order");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ExamplesMain() {}

  public static void main(String[] args) throws Exception {
    int users = 20;
    int emailDelay = UserService.WELCOME_EMAIL_DELAY_SECONDS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "demo" -> { }
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--email-delay" -> emailDelay = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: demo [--users N] [--email-delay SECONDS]");
          return;
        }
        default -> {
          System.err.println("Unknown argument '" + args[i] + "'; usage: demo [--users N] [--email-delay SECONDS]");
          System.exit(2);
        }
      }
    }
    System.exit(demo(users, emailDelay, System.out));
  }

  /** Runs the demo; returns 0 when every registration got its three side effects. */
  static int demo(int userCount, int emailDelaySeconds, PrintStream out) throws InterruptedException {
    FakeMailer mailer = new FakeMailer(20, 0.2);
    FakeMarketingApi tidio = new FakeMarketingApi(50, 0.2);
    UserRegisterJob registerJob = new UserRegisterJob(mailer);

    JobRegistry registry = new JobRegistry()
        .registerMethods("UserRegisterJob", registerJob)
        .alias("common\\job\\UserRegisterJob", "UserRegisterJob")
        .handle("SyncUserToTidio", NewUser.class, tidio::pushContact);
    MemoryConnector memory = MemoryConnector.builder().retryAfter(Duration.ofSeconds(60)).build();
    QueueManager queues = QueueManager.builder().connection("memory", memory).registry(registry).build();
    Queue.use(queues);

    Worker worker = Worker.builder().manager(queues).queues(SEED_QUEUES).threads(4).tries(5)
        .backoff(Duration.ofSeconds(1)).sleep(Duration.ofSeconds(1)).listener(new ConsoleLines(out)).build();
    worker.start();

    UserService service = new UserService(emailDelaySeconds);
    long start = System.nanoTime();
    for (int i = 1; i <= userCount; i++) {
      service.register("user" + i + "@example.com", "User " + i, "rep" + (i % 3 + 1));
    }
    out.printf("Registered %d users in %d ms (side effects enqueued, not run inline)%n", userCount,
        (System.nanoTime() - start) / 1_000_000);

    long deadline = System.nanoTime() + Duration.ofSeconds(emailDelaySeconds + 60).toNanos();
    while (System.nanoTime() < deadline && SEED_QUEUES.stream().mapToLong(q -> queues.size(q).total()).sum() > 0) {
      Thread.sleep(100);
    }
    worker.close();

    int emails = mailer.sent().size() + registerJob.givenUp().size();
    out.println();
    out.println("Summary");
    out.printf("  users registered          %d%n", service.userCount());
    out.printf("  welcome e-mails sent      %d (gave up after %d attempts: %d)%n", mailer.sent().size(),
        UserRegisterJob.MAX_ATTEMPTS, registerJob.givenUp().size());
    out.printf("  sales-rep messages        %d%n", registerJob.salesRepMessages().size());
    out.printf("  marketing syncs           %d%n", tidio.synced().size());
    out.printf("  failed jobs (store)       %d%n", queues.failed().count());
    out.printf("  jobs left in queues       %d%n", SEED_QUEUES.stream().mapToLong(q -> queues.size(q).total()).sum());
    boolean ok = emails == userCount && registerJob.salesRepMessages().size() == userCount
        && tidio.synced().size() + queues.failed().count() == userCount;
    out.println(ok ? "OK: every registration got its side effects." : "MISMATCH: see above.");
    queues.close();
    return ok ? 0 : 1;
  }

  /** Prints think-queue's per-job console lines. */
  static final class ConsoleLines implements WorkerListener {
    private final PrintStream out;

    ConsoleLines(PrintStream out) {
      this.out = out;
    }

    private void line(String status, Job job) {
      out.printf("[%s][%s] %-11s %s (attempt %d)%n", LocalDateTime.now().format(TIME), job.getId(), status + ":",
          job.getName(), job.attempts());
    }

    @Override
    public void onJobProcessing(JobProcessing event) {
      line("Processing", event.job());
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      line("Processed", event.job());
    }

    @Override
    public void onJobReleased(JobReleased event) {
      line("Released", event.job());
    }

    @Override
    public void onJobFailed(JobFailed event) {
      line("Failed", event.job());
    }
  }
}
