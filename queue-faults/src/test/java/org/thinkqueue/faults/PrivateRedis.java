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

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.thinkqueue.testkit.ServiceLookup;
import redis.clients.jedis.RedisClient;

/**
 * A redis-server of the test's own on a free loopback port (never the shared 6379), with the
 * append-only file fsynced on every write, so a SIGKILL loses nothing it acknowledged. {@link
 * #kill()} and {@link #start()} restart it on the same port and directory. Missing binary: skipped
 * with the reason, failed under {@code CI=true}.
 */
final class PrivateRedis implements AutoCloseable {
  private final String binary;
  private final Path dir;
  private final int port;
  private Process process;

  PrivateRedis() {
    this.binary = onPath("redis-server");
    if (binary == null) {
      String reason =
          "redis-server is not on the PATH: cannot start a private Redis for the outage test";
      if (ServiceLookup.shared().ci()) {
        Assertions.fail(reason + " (failing because CI=true)");
      }
      System.err.println("[think-queue tests] SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    try {
      this.dir = Files.createTempDirectory("tq-faults-redis");
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        this.port = s.getLocalPort();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot prepare a private Redis", e);
    }
    start();
  }

  String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts the server (again) and waits until it answers PING. */
  void start() {
    try {
      process =
          new ProcessBuilder(
                  binary,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "yes",
                  "--appendfsync",
                  "always",
                  "--dir",
                  dir.toString(),
                  "--daemonize",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start redis-server", e);
    }
    Process p = process;
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              if (!p.isAlive()) {
                throw new IllegalStateException(
                    "redis-server exited: " + Files.readString(dir.resolve("log")));
              }
              return answers();
            });
  }

  /**
   * SIGKILL: the server's connections drop at once; with appendfsync always, every acknowledged
   * write is kept.
   */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server did not die within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean answers() {
    try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
      return "PONG".equals(c.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    for (String d : path == null ? List.<String>of() : List.of(path.split(File.pathSeparator))) {
      File f = new File(d, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
