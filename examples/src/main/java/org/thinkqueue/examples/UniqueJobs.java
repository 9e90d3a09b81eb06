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

// README unique jobs: begin
import java.time.Duration;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobOptions.UniqueUntil;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

public final class UniqueJobs {
  public static void main(String[] args) {
    JobRegistry registry =
        new JobRegistry()
            .handle("SyncTracking", Long.class, order -> System.out.println("Synced " + order));
    QueueManager queues =
        QueueManager.builder().connection("main", new MemoryConnector()).registry(registry).build();

    // The carrier calls the shipping callback twice for order 42: one sync job, one id.
    JobOptions once = JobOptions.uniqueKey("shipping:42");
    String first = queues.push("SyncTracking", 42L, "shipping", once);
    String second = queues.push("SyncTracking", 42L, "shipping", once); // writes nothing
    System.out.println(first.equals(second) + ", jobs: " + queues.size("shipping").total());

    try (Worker worker = Worker.builder().manager(queues).queues("shipping").build()) {
      worker.runOnce(); // the job ran and was deleted: the key is free again
    }
    // Free the key when the job starts (not ends), and after 10 minutes whatever happens.
    queues.push(
        "SyncTracking",
        42L,
        "shipping",
        once.withUniqueUntil(UniqueUntil.PROCESSING).withUniqueFor(Duration.ofMinutes(10)));
    System.out.println("jobs: " + queues.size("shipping").total());
    queues.close();
  }
}
// README unique jobs: end
