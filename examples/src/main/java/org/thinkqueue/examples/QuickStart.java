package org.thinkqueue.examples;

// README quick start: begin
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

public final class QuickStart {
  /** A job's data: any class Jackson maps to and from JSON. */
  public record Welcome(String email) {}

  public static void main(String[] args) {
    JobRegistry registry = new JobRegistry() // job name -> handler: returning = done, throwing = retried
        .handle("SendWelcomeEmail", Welcome.class, w -> System.out.println("Welcome e-mail to " + w.email()));
    QueueManager queues = QueueManager.builder()
        .connection("main", new MemoryConnector()) // or RedisConnector / JdbcConnector (see Drivers)
        .registry(registry)
        .build();

    queues.push("SendWelcomeEmail", new Welcome("ada@example.com"), "emails");

    Worker worker = Worker.builder().manager(queues).queues("emails").threads(4)
        .maxJobs(1) // as queue:work --max-jobs 1; without it run() blocks until stop() or a signal
        .build();
    worker.run(); // on this thread; start() runs the worker on its own threads instead
    worker.close(); // stops polling and lets running jobs finish
    queues.close();
  }
}
// README quick start: end
