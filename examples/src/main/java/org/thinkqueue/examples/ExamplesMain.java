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

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.cli.QueueCli;
import org.thinkqueue.spi.Redaction;

/**
 * The examples' entry point, a runnable jar:
 *
 * <pre>
 * java -jar examples.jar [--jdbc URL] [--redis URI] [--fresh] demo [--users N] [--orders M] [--email-delay S]
 * java -jar examples.jar [--jdbc URL] [--redis URI] work --queue user_register_email,...   (and listen, failed,
 *     retry, forget, flush, size, restart: think-queue's commands)
 * </pre>
 *
 * The database defaults to an embedded H2 file under {@code ./data}; {@code --redis} moves the
 * queue to Redis.
 */
public final class ExamplesMain {
  static final String USAGE =
      "usage: java -jar examples.jar [--jdbc URL] [--redis URI] [--fresh] [--failure-rate 0.2] "
          + "[--latency MS] demo [--users N] [--orders M] [--email-delay SECONDS]\n"
          + "       java -jar examples.jar [--jdbc URL] [--redis URI] work|listen|failed|retry|forget|flush|size|restart "
          + "[options]   (--help after a command for its options)";

  private ExamplesMain() {}

  public static void main(String[] args) throws Exception {
    // Quiet by default: the demo prints its own progress;
    // -Dorg.slf4j.simpleLogger.defaultLogLevel=info for more.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    if (List.of(args).contains("demo")) {
      System.setProperty(
          "org.slf4j.simpleLogger.log.org.thinkqueue.worker.Worker",
          System.getProperty("org.slf4j.simpleLogger.log.org.thinkqueue.worker.Worker", "error"));
    }
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    ExampleApp.Options options = ExampleApp.Options.defaults();
    int i = 0;
    for (; i < args.length && args[i].startsWith("--"); i++) {
      switch (args[i]) {
        case "--jdbc" -> options = options.withJdbc(value(args, ++i));
        case "--redis" -> options = options.withRedis(value(args, ++i));
        case "--fresh" -> options = options.withFresh(true);
        case "--failure-rate" ->
            options = options.withFailureRate(Double.parseDouble(value(args, ++i)));
        case "--latency" -> options = options.withLatency(Long.parseLong(value(args, ++i)));
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return 0;
        }
        default -> {
          System.err.println("Unknown option " + Redaction.secrets(args[i]) + "\n" + USAGE);
          return QueueCli.EXIT_USAGE;
        }
      }
    }
    if (i >= args.length) {
      System.err.println(USAGE);
      return QueueCli.EXIT_USAGE;
    }
    String command = args[i];
    List<String> rest = new ArrayList<>(List.of(args).subList(i + 1, args.length));
    if (command.equals("demo")) {
      int users = 20;
      int orders = 10;
      for (int j = 0; j < rest.size(); j++) {
        switch (rest.get(j)) {
          case "--users" -> users = Integer.parseInt(value(rest, ++j));
          case "--orders" -> orders = Integer.parseInt(value(rest, ++j));
          case "--email-delay" ->
              options =
                  options.withEmailDelay(Duration.ofSeconds(Long.parseLong(value(rest, ++j))));
          default -> {
            System.err.println("Unknown demo option " + rest.get(j) + "\n" + USAGE);
            return QueueCli.EXIT_USAGE;
          }
        }
      }
      try (ExampleApp app = start(options.withFresh(true))) {
        return app == null
            ? QueueCli.EXIT_ERROR
            : Demo.run(app, users, orders, System.out).ok() ? 0 : 1;
      }
    }
    try (ExampleApp app = start(options)) {
      if (app == null) {
        return QueueCli.EXIT_ERROR;
      }
      List<String> cliArgs = new ArrayList<>();
      cliArgs.add(command);
      cliArgs.addAll(rest);
      return QueueCli.builder()
          .manager(app.queues())
          .build()
          .execute(cliArgs.toArray(String[]::new));
    }
  }

  /**
   * The app, or null after printing why it cannot start. The Redis URI or JDBC URL given on the
   * command line (and quoted by connector and driver messages) may hold a password: every line
   * printed goes through Redaction.
   */
  private static ExampleApp start(ExampleApp.Options options) throws IOException {
    try {
      return ExampleApp.start(options);
    } catch (RuntimeException | SQLException e) {
      System.err.println(
          "Error: cannot start on "
              + Redaction.secrets(
                  options.redisUri() != null ? options.redisUri() : options.jdbcUrl())
              + ": "
              + Redaction.secrets(String.valueOf(e.getMessage())));
      return null;
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static String value(List<String> args, int i) {
    return value(args.toArray(String[]::new), i);
  }
}
