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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.worker.Worker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The worker commands: {@code work}, {@code listen} and {@code restart}, with the options the first
 * two share.
 */
final class WorkerCommands {
  private WorkerCommands() {}

  /** Options shared by {@code work} and {@code listen}, named as {@code php think queue:work}'s. */
  static class WorkerOptions {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "connection",
        description = "The connection to work (default: the application's default connection).")
    String connection;

    @Option(
        names = "--queue",
        split = ",",
        paramLabel = "a,b",
        description = "The queues to work, in priority order (default: the default queue).")
    List<String> queues;

    @Option(
        names = "--delay",
        paramLabel = "SECONDS",
        description =
            "Delay before a job that threw is tried again; 0 = at once, as think-queue's default "
                + "(default: exponential from 1 s to 5 min with jitter).")
    Long delay;

    @Option(
        names = "--sleep",
        defaultValue = "3",
        paramLabel = "SECONDS",
        description =
            "Wait when all queues are empty; cut short by wake-ups (default: ${DEFAULT-VALUE}).")
    double sleep;

    @Option(
        names = "--tries",
        defaultValue = "3",
        paramLabel = "N",
        description = "Attempts before a job fails; 0 = forever (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(
        names = "--timeout",
        defaultValue = "60",
        paramLabel = "SECONDS",
        description = "Longest a job may run; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(
        names = "--memory",
        defaultValue = "0",
        paramLabel = "MB",
        description =
            "Stop with status 12 when the heap after GC reaches this; 0 = off (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(
        names = "--threads",
        defaultValue = "1",
        paramLabel = "N",
        description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
        names = "--max-jobs",
        defaultValue = "0",
        paramLabel = "N",
        description = "Stop after this many jobs; 0 = no limit.")
    long maxJobs;

    @Option(
        names = "--max-time",
        defaultValue = "0",
        paramLabel = "SECONDS",
        description = "Stop after running this long; 0 = no limit.")
    long maxTime;

    @Option(names = "--quiet", description = "Do not print a line per job.")
    boolean quiet;
  }

  @Command(
      name = "work",
      mixinStandardHelpOptions = true,
      footer = QueueCli.EXIT_CODES_HELP,
      description =
          "Process jobs from the queues until stopped (SIGTERM: finish running jobs and stop; a second "
              + "signal: release them and stop at once).")
  static final class Work extends WorkerOptions implements Callable<Integer> {
    private final QueueCli cli;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--once",
        description = "Process the next job (or wait --sleep for one) and stop.")
    boolean once;

    Work(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      Worker.Builder b = Worker.builder().manager(cli.manager());
      try {
        if (connection != null) {
          b.connection(connection);
        }
        if (queues != null) {
          b.queues(queues);
        }
        if (delay != null) {
          b.delay(Duration.ofSeconds(delay));
        }
        b.sleep(Duration.ofMillis(Math.round(sleep * 1000)))
            .tries(tries)
            .timeout(Duration.ofSeconds(timeout))
            .memoryLimitMb(memory)
            .threads(threads)
            .once(once)
            .maxJobs(maxJobs);
        if (maxTime > 0) {
          b.maxTime(Duration.ofSeconds(maxTime));
        }
      } catch (ConfigurationException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      if (!quiet) {
        b.listener(new Commands.ConsoleLines(cli.out()));
      }
      cli.listeners().forEach(b::listener);
      Worker worker = b.build();
      Signals.Registration signals =
          cli.handleSignals() && !once
              ? Signals.onTerminate(
                  () -> worker.stop(Worker.DEFAULT_STOP_GRACE), () -> worker.stop(Duration.ZERO))
              : Signals.Registration.NONE;
      try {
        return worker.run();
      } finally {
        signals.restore();
        cli.out().flush();
      }
    }
  }

  @Command(
      name = "listen",
      mixinStandardHelpOptions = true,
      footer = QueueCli.EXIT_CODES_HELP,
      description =
          "Run 'work' in a child JVM and start it again whenever it exits (after --memory's status 12, "
              + "a restart signal, a crash). SIGTERM is passed on to the child.")
  static final class Listen extends WorkerOptions implements Callable<Integer> {
    private final QueueCli cli;
    private final String[] originalArgs;

    @Option(
        names = "--max-runs",
        defaultValue = "0",
        paramLabel = "N",
        description = "Stop after starting the worker this many times; 0 = never (default).")
    int maxRuns;

    Listen(QueueCli cli, String[] originalArgs) {
      this.cli = cli;
      this.originalArgs = originalArgs.clone();
    }

    @Override
    public Integer call() throws Exception {
      List<String> command =
          new ArrayList<>(cli.childCommand() != null ? cli.childCommand() : defaultChild());
      command.addAll(childArgs());
      AtomicBoolean stopping = new AtomicBoolean();
      AtomicReference<Process> current = new AtomicReference<>();
      Signals.Registration signals =
          cli.handleSignals()
              ? Signals.onTerminate(
                  () -> {
                    stopping.set(true);
                    Process p = current.get();
                    if (p != null) {
                      p.destroy();
                    }
                  },
                  () -> {
                    Process p = current.get();
                    if (p != null) {
                      p.destroyForcibly();
                    }
                  })
              : Signals.Registration.NONE;
      try {
        int runs = 0;
        int code = QueueCli.EXIT_OK;
        while (!stopping.get()) {
          long started = System.nanoTime();
          Process p = new ProcessBuilder(command).inheritIO().start();
          current.set(p);
          runs++;
          code = p.waitFor();
          cli.out()
              .println(
                  "["
                      + LocalDateTime.now().format(Commands.TIME)
                      + "] Worker exited with status "
                      + code
                      + (stopping.get() || (maxRuns > 0 && runs >= maxRuns)
                          ? ""
                          : "; starting it again"));
          cli.out().flush();
          if (maxRuns > 0 && runs >= maxRuns) {
            return code;
          }
          if (System.nanoTime() - started < 1_000_000_000L && !stopping.get()) {
            Thread.sleep(1000); // a worker that dies at once must not spin
          }
        }
        return QueueCli.EXIT_OK;
      } finally {
        signals.restore();
      }
    }

    /**
     * The arguments of this command line with {@code listen} turned into {@code work}, minus
     * listen's options.
     */
    private List<String> childArgs() {
      List<String> args = new ArrayList<>(Arrays.asList(originalArgs));
      int at = args.indexOf("listen");
      List<String> out = new ArrayList<>();
      out.add("work");
      for (int i = at + 1; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--max-runs")) {
          i++;
        } else if (!a.startsWith("--max-runs=")) {
          out.add(a);
        }
      }
      return out;
    }

    /**
     * java + this JVM's options + (-jar JAR | -cp CP MAIN) + the application's arguments before the
     * command.
     */
    private List<String> defaultChild() {
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      String[] javaCommand = System.getProperty("sun.java.command", "").trim().split("\\s+");
      if (javaCommand.length == 0 || javaCommand[0].isEmpty()) {
        throw new ConfigurationException(
            "childCommand",
            null,
            "cannot tell how this JVM was started; give QueueCli.builder().childCommand(...)");
      }
      if (javaCommand[0].endsWith(".jar")) {
        cmd.add("-jar");
        cmd.add(javaCommand[0]);
      } else {
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(javaCommand[0]);
      }
      for (int i = 1; i < javaCommand.length && !javaCommand[i].equals("listen"); i++) {
        cmd.add(javaCommand[i]);
      }
      return cmd;
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description =
          "Ask every worker of the connection to stop after its current jobs (think-queue's "
              + "queue:restart).")
  static final class Restart implements Callable<Integer> {
    private final QueueCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "connection")
    String connection;

    Restart(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      QueueConnection c = cli.manager().connection(connection);
      if (!(c.connector() instanceof RestartSignal)) {
        cli.err().println("Error: connection '" + c.name() + "' has no restart signal");
        return QueueCli.EXIT_ERROR;
      }
      ((RestartSignal) c.connector()).signalRestart();
      cli.out().println("Broadcasting queue restart signal.");
      return QueueCli.EXIT_OK;
    }
  }
}
