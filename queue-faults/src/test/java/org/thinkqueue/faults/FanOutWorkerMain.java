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
package org.thinkqueue.faults;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.worker.Worker;

/**
 * A worker JVM for {@link FanOutKillSuite}: runs the three subscribers of the registration event,
 * each on its own queue, and appends {@code S <n>} to its run log when a handler starts and {@code
 * D <n>} when it has done its work, {@code n = event * 3 + subscriber} ({@code R} once connected),
 * one unbuffered append per line as {@link WorkerMain} does.
 *
 * <p>Arguments: run log, threads, retryAfter in ms, handler work in ms, then {@link
 * Target#toArgs()}. Stops on SIGTERM (shutdown hook: drains, releases the rest).
 */
public final class FanOutWorkerMain {
  /** The subscribers' job names, in subscriber order. */
  static final List<String> JOBS =
      List.of("FoWelcomeEmail", "FoSalesRepMessage", "FoMarketingPush");

  private FanOutWorkerMain() {}

  /** The subscribers' queues, in subscriber order, named after the target's queue. */
  static List<String> queues(Target target) {
    return List.of(
        target.queue() + "_email", target.queue() + "_sales", target.queue() + "_marketing");
  }

  public static void main(String[] args) throws Exception {
    String log = args[0];
    int threads = Integer.parseInt(args[1]);
    Duration retryAfter = Duration.ofMillis(Long.parseLong(args[2]));
    long workMillis = Long.parseLong(args[3]);
    Target target = Target.fromArgs(args, 4);
    int status;
    try (FileOutputStream out = new FileOutputStream(log, true)) {
      JobRegistry registry = new JobRegistry();
      for (int k = 0; k < JOBS.size(); k++) {
        int subscriber = k;
        registry.handle(
            JOBS.get(k),
            Integer.class,
            event -> {
              int n = event * JOBS.size() + subscriber;
              append(out, "S " + n + "\n");
              Thread.sleep(workMillis); // the side effect's work, so a kill finds jobs in flight
              append(out, "D " + n + "\n");
            });
      }
      try (Target.Opened opened = target.open(retryAfter, registry, threads + 3)) {
        Worker worker =
            Worker.builder()
                .manager(opened.manager())
                .queues(queues(target))
                .threads(threads)
                .tries(FaultSuite.KILL_TRIES)
                .sleep(Duration.ofMillis(200))
                .stopGrace(Duration.ofSeconds(2))
                .shutdownHook(true)
                .build();
        append(out, "R\n");
        status = worker.run();
      }
    }
    System.exit(status);
  }

  private static void append(FileOutputStream out, String line) {
    synchronized (out) {
      try {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
