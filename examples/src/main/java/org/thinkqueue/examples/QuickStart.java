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

// README quick start: begin
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

public final class QuickStart {
  /** A job's data: any class Jackson maps to and from JSON. */
  public record Welcome(String email) {}

  public static void main(String[] args) {
    // Job name -> handler: a handler that returns is done, one that throws is retried.
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "SendWelcomeEmail", Welcome.class, w -> System.out.println("Welcome " + w.email()));
    // Or RedisConnector / JdbcConnector (see Drivers).
    QueueManager queues =
        QueueManager.builder().connection("main", new MemoryConnector()).registry(registry).build();

    queues.push("SendWelcomeEmail", new Welcome("ada@example.com"), "emails");

    // maxJobs(1) as queue:work --max-jobs 1; without it run() blocks until stop() or a signal.
    Worker worker = Worker.builder().manager(queues).queues("emails").threads(4).maxJobs(1).build();
    worker.run(); // on this thread; start() runs the worker on its own threads instead
    worker.close(); // stops polling and lets running jobs finish
    queues.close();
  }
}
// README quick start: end
