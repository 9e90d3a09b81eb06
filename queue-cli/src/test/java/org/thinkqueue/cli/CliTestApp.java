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
package org.thinkqueue.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.redis.RedisFailedJobStore;
import org.thinkqueue.spi.Connector;

/**
 * An application embedding {@link QueueCli}, as users write one: the CLI tests run it in-process
 * and as a child JVM.
 *
 * <pre>
 * CliTestApp --redis URI [--name N] COMMAND ...     failed jobs under N:failed, restart key N:think:queue:restart
 * CliTestApp --jdbc URL [--table T] COMMAND ...     jobs in T, failed jobs in T_failed
 * </pre>
 *
 * <p>Jobs: {@code sleepy} ({@code {"millis": n, "dir": path}}: creates {@code dir/started}, sleeps,
 * creates {@code dir/done}, deletes itself) and {@code boom} (always throws).
 */
public final class CliTestApp implements AutoCloseable {
  static final String SLEEPY = "sleepy";
  static final String BOOM = "boom";

  final QueueManager manager;
  final Connector connector;
  final String connectionName;
  final List<String> command;
  private final HikariDataSource pool;

  private CliTestApp(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String redis = option(rest, "--redis");
    String jdbc = option(rest, "--jdbc");
    String name = option(rest, "--name");
    String table = option(rest, "--table");
    String holdMb = option(rest, "--hold-mb");
    if (holdMb != null) {
      held = new byte[Integer.parseInt(holdMb)][1 << 20];
      System.gc(); // a full collection: every heap pool's usage after GC now counts what is held
    }
    JobRegistry registry =
        new JobRegistry()
            .register(SLEEPY, Map.class, new Sleepy())
            .register(
                BOOM,
                Map.class,
                (job, data) -> {
                  throw new IllegalStateException("boom, as always");
                });
    QueueManager.Builder b = QueueManager.builder().registry(registry);
    if (redis != null) {
      RedisConnector c =
          RedisConnector.builder().uri(redis).prefix(name == null ? "" : name + ":").build();
      connector = c;
      connectionName = "redis";
      pool = null;
      b.connection(connectionName, c)
          .failedJobStore(
              name == null
                  ? c.failedJobStore()
                  : new RedisFailedJobStore(c.client(), name + ":failed", Clock.systemUTC()));
    } else if (jdbc != null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbc);
      config.setMaximumPoolSize(3);
      config.setConnectionTimeout(5_000);
      config.setPoolName("cli-test");
      pool = new HikariDataSource(config);
      String t = table == null ? JdbcConnector.DEFAULT_TABLE : table;
      JdbcConnector c =
          JdbcConnector.builder()
              .dataSource(pool)
              .table(t)
              .failedTable(t + "_failed")
              .restartTable(t + "_restart")
              .createSchemaIfMissing(true)
              .build();
      connector = c;
      connectionName = "database";
      b.connection(connectionName, c).failedJobStore(c.failedJobStore());
    } else {
      throw new IllegalArgumentException(
          "give --redis URI or --jdbc URL before the command: " + rest);
    }
    manager = b.build();
    command = List.copyOf(rest);
  }

  static CliTestApp open(String... args) {
    return new CliTestApp(args);
  }

  /** Live heap held for the process's life (--hold-mb), for memory-limit tests. */
  @SuppressWarnings("unused")
  private static byte[][] held;

  public static void main(String[] args) {
    int code;
    try (CliTestApp app = open(args)) {
      code =
          QueueCli.builder()
              .manager(app.manager)
              .build()
              .execute(app.command.toArray(String[]::new));
    }
    System.exit(code);
  }

  /** Runs a command line in this JVM, without signal handling. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    try (CliTestApp app = open(args)) {
      return QueueCli.builder()
          .manager(app.manager)
          .out(out)
          .err(err)
          .handleSignals(false)
          .build()
          .execute(app.command.toArray(String[]::new));
    }
  }

  @Override
  public void close() {
    manager.close();
    if (pool != null) {
      pool.close();
    }
  }

  /** Removes {@code --name value} from the leading options. */
  private static String option(List<String> args, String name) {
    int at = args.indexOf(name);
    if (at < 0 || at + 1 >= args.size()) {
      return null;
    }
    String value = args.get(at + 1);
    args.subList(at, at + 2).clear();
    return value;
  }

  /** Sleeps {@code millis}, leaving markers so a test sees it start and finish. */
  @SuppressWarnings("rawtypes")
  static final class Sleepy implements JobHandler<Map> {
    @Override
    public void fire(Job job, Map data) throws IOException, InterruptedException {
      Path dir = Path.of((String) data.get("dir"));
      Files.writeString(dir.resolve("started"), job.getId());
      Thread.sleep(((Number) data.get("millis")).longValue());
      Files.writeString(dir.resolve("done"), job.getId());
      job.delete();
    }
  }
}
