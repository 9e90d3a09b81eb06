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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs ({@link WorkerMain}) started with this JVM's {@code java} and class path, each with
 * its own run log. {@link #kill(Child)} is {@code destroyForcibly()}: SIGKILL on Linux, so the
 * worker gets no chance to release or delete anything. {@link #close()} stops the rest with SIGTERM
 * (the worker's shutdown hook drains them).
 */
final class ChildWorkers implements AutoCloseable {
  /** One worker process and its run log. */
  static final class Child {
    final int index;
    final Process process;
    final Path log;
    volatile boolean killed;

    Child(int index, Process process, Path log) {
      this.index = index;
      this.process = process;
      this.log = log;
    }

    RunLog read(int jobs) {
      return RunLog.read(log, jobs);
    }

    @Override
    public String toString() {
      return "worker-" + index + " (pid " + process.pid() + (killed ? ", killed" : "") + ")";
    }
  }

  private final Path dir;
  private final Target target;
  private final int threads;
  private final Duration retryAfter;
  private final long workMillis;
  private final Class<?> main;
  private final List<Child> children = new ArrayList<>();

  ChildWorkers(Path dir, Target target, int threads, Duration retryAfter, long workMillis) {
    this(dir, target, threads, retryAfter, workMillis, WorkerMain.class);
  }

  /** Workers running {@code main} (same arguments and run log as {@link WorkerMain}). */
  ChildWorkers(
      Path dir, Target target, int threads, Duration retryAfter, long workMillis, Class<?> main) {
    this.main = main;
    this.dir = dir;
    this.target = target;
    this.threads = threads;
    this.retryAfter = retryAfter;
    this.workMillis = workMillis;
  }

  Child start() {
    return start(
        main,
        List.of(
            Integer.toString(threads),
            Long.toString(retryAfter.toMillis()),
            Long.toString(workMillis)));
  }

  /**
   * A JVM running {@code main} with its run log's path, then {@code args}, then {@link
   * Target#toArgs()}; its standard input stays open for the test to write to ({@code
   * process.getOutputStream()}).
   */
  Child start(Class<?> main, List<String> args) {
    int index = children.size() + 1;
    Path log = dir.resolve("worker-" + index + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                log.toString()));
    cmd.addAll(args);
    cmd.addAll(target.toArgs());
    try {
      Files.createFile(log);
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("worker-" + index + ".out").toFile())
              .start();
      Child child = new Child(index, p, log);
      children.add(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True once the child has connected and is about to run (its log starts with {@code R}). */
  boolean ready(Child child) {
    if (!child.process.isAlive()) {
      throw new IllegalStateException(
          child + " exited with " + child.process.exitValue() + ": " + output(child));
    }
    return child.read(0).ready();
  }

  void kill(Child child) {
    child.killed = true;
    child.process.destroyForcibly();
    try {
      if (!child.process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(child + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<Child> all() {
    return List.copyOf(children);
  }

  List<Child> alive() {
    return children.stream().filter(c -> !c.killed && c.process.isAlive()).toList();
  }

  String output(Child child) {
    try {
      String out = Files.readString(dir.resolve("worker-" + child.index + ".out"));
      return out.length() > 4000 ? "..." + out.substring(out.length() - 4000) : out;
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    for (Child c : children) {
      c.process.destroy();
    }
    for (Child c : children) {
      try {
        if (!c.process.waitFor(15, TimeUnit.SECONDS)) {
          c.process.destroyForcibly();
          c.process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.process.destroyForcibly();
      }
    }
  }

  static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
