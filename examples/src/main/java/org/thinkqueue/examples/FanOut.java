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

// README fan-out: begin
import java.util.List;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

public final class FanOut {
  public record NewUser(long id, String email) {}

  public static void main(String[] args) {
    JobRegistry registry =
        new JobRegistry()
            // The producer's side: one event, three subscribers, each a job name on its own queue.
            .subscribe("user.registered", "SendWelcomeEmail", "user_register_email")
            .subscribe("user.registered", "NotifySalesRep", "user_register_workman_message")
            .subscribe("user.registered", "SyncUserToTidio", "sync_user_to_tidio")
            // The workers' side: ordinary handlers, each with its own tries and back-off.
            .handle(
                "SendWelcomeEmail", NewUser.class, u -> System.out.println("Welcome " + u.email()))
            .handle(
                "NotifySalesRep", NewUser.class, u -> System.out.println("New customer " + u.id()))
            .handle(
                "SyncUserToTidio", NewUser.class, u -> System.out.println("To Tidio: " + u.id()));
    QueueManager queues =
        QueueManager.builder().connection("main", new MemoryConnector()).registry(registry).build();

    // One job per subscriber, all written or none; the ids in subscriber order.
    List<String> ids = queues.publish("user.registered", new NewUser(42, "ada@example.com"));
    System.out.println(ids.size() + " jobs");

    Worker worker =
        Worker.builder()
            .manager(queues)
            .queues("user_register_email", "user_register_workman_message", "sync_user_to_tidio")
            .maxJobs(3)
            .build();
    worker.run();
    worker.close();
    queues.close();
  }
}
// README fan-out: end
