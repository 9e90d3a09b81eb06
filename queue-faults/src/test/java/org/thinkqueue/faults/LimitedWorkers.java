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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The worker JVMs of {@link LimitsSuite}: started with {@link LimitedWorkerMain}, killable. */
final class LimitedWorkers implements AutoCloseable {
  /** One worker process and its run log. */
  static final class Child {
    final int index;
    final Process process;
    final Path log;
    volatile boolean killed;

    /** When the kill was done: the process was gone by then (µs). */
    volatile long killedAtMicros;

    Child(int index, Process process, Path log) {
      this.index = index;
      this.process = process;
      this.log = log;
    }

    /** The log's complete lines. */
    List<String> lines() {
      try {
        String text = Files.readString(log, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "worker-" + index + " (pid " + process.pid() + (killed ? ", killed" : "") + ")";
    }
  }

  private final Path dir;
  private final List<String> args;
  private final List<Child> children = new ArrayList<>();

  /**
   * @param args {@link LimitedWorkerMain}'s arguments after the run log
   */
  LimitedWorkers(Path dir, List<String> args) {
    this.dir = dir;
    this.args = List.copyOf(args);
  }

  Child start() {
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
                LimitedWorkerMain.class.getName(),
                log.toString()));
    cmd.addAll(args);
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

  boolean ready(Child child) {
    if (!child.process.isAlive()) {
      throw new IllegalStateException(
          child + " exited with " + child.process.exitValue() + ": " + output(child));
    }
    return child.lines().contains("R");
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
    child.killedAtMicros = LimitedWorkerMain.micros();
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
}
