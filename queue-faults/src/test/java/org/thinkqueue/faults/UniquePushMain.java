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

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.worker.Worker;

/**
 * A producer-then-worker JVM for {@link UniquePushThroughputSuite}: once connected it logs {@code
 * R}; on the line {@code go} from its standard input, {@code pushThreads} threads each push the
 * same {@code keys} unique jobs ({@value WorkerMain#JOB}, data n, key {@code key-n}) at once, and
 * the push log gets {@code P n id} for each distinct id a key's pushes returned in this process
 * ({@code X error} for a push that threw), then {@code T <push ms>} and {@code E}; on the line
 * {@code work} it runs a worker that logs {@code S n}/{@code D n} to the run log (as {@link
 * WorkerMain}) until SIGTERM.
 *
 * <p>Arguments: run log, push log, push threads, keys, worker threads, then {@link
 * Target#toArgs()}.
 */
public final class UniquePushMain {
  private UniquePushMain() {}

  public static void main(String[] args) throws Exception {
    String runLog = args[0];
    String pushLog = args[1];
    int pushThreads = Integer.parseInt(args[2]);
    int keys = Integer.parseInt(args[3]);
    int workerThreads = Integer.parseInt(args[4]);
    Target target = Target.fromArgs(args, 5);
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    int status;
    try (FileOutputStream run = new FileOutputStream(runLog, true);
        FileOutputStream push = new FileOutputStream(pushLog, true)) {
      JobRegistry registry =
          new JobRegistry()
              .handle(
                  WorkerMain.JOB,
                  Integer.class,
                  n -> {
                    append(run, "S " + n + "\n");
                    append(run, "D " + n + "\n");
                  });
      try (Target.Opened opened =
          target.open(Duration.ofSeconds(60), registry, pushThreads + workerThreads + 3)) {
        QueueManager manager = opened.manager();
        append(run, "R\n");
        expect(commands, "go");
        pushAll(manager, target.queue(), pushThreads, keys, push);
        expect(commands, "work");
        Worker worker =
            Worker.builder()
                .manager(manager)
                .queues(target.queue())
                .threads(workerThreads)
                .sleep(Duration.ofMillis(200))
                .stopGrace(Duration.ofSeconds(2))
                .shutdownHook(true)
                .build();
        status = worker.run();
      }
    }
    System.exit(status);
  }

  private static void pushAll(
      QueueManager manager, String queue, int threads, int keys, FileOutputStream log)
      throws Exception {
    Map<Integer, Set<String>> ids = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> pushers = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread pusher =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int n = 0; n < keys; n++) {
                    String id =
                        manager.push(WorkerMain.JOB, n, queue, JobOptions.uniqueKey("key-" + n));
                    ids.computeIfAbsent(n, k -> ConcurrentHashMap.newKeySet()).add(id);
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              "pusher-" + t);
      pusher.start();
      pushers.add(pusher);
    }
    long began = System.nanoTime();
    start.countDown();
    for (Thread t : pushers) {
      t.join();
    }
    long millis = (System.nanoTime() - began) / 1_000_000;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Integer, Set<String>> e : ids.entrySet()) {
      for (String id : e.getValue()) {
        out.append("P ").append(e.getKey()).append(' ').append(id).append('\n');
      }
    }
    for (Throwable e : errors) {
      out.append("X ").append(e.toString().replace('\n', ' ')).append('\n');
    }
    out.append("T ").append(millis).append('\n').append("E\n");
    append(log, out.toString());
  }

  private static void expect(BufferedReader commands, String command) throws IOException {
    String line = commands.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("Expected '" + command + "' on stdin, got " + line);
    }
  }

  private static void append(FileOutputStream out, String text) {
    synchronized (out) {
      try {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
