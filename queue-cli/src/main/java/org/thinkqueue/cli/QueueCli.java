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

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.spi.Redaction;
import picocli.CommandLine;

/**
 * think-queue's commands for an application to embed: {@code work}, {@code listen}, {@code
 * restart}, {@code failed}, {@code retry}, {@code forget}, {@code flush}, {@code size}. The
 * application supplies its own {@link QueueManager} (connections, registry, failed-job store):
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(QueueCli.builder().manager(MyApp::queues).build().execute(args));
 * }
 * }</pre>
 *
 * <p>Each command is the counterpart of a {@code php think} command, with the same option names:
 *
 * <ul>
 *   <li>{@code work [connection]} ({@code queue:work}): runs a {@link org.thinkqueue.worker.Worker}
 *       in this JVM until it is stopped or reaches {@code --once}, {@code --max-jobs}, {@code
 *       --max-time} or {@code --memory}.
 *   <li>{@code listen [connection]} ({@code queue:listen}): runs {@code work} in a child JVM and
 *       starts it again whenever it exits; it never opens a connection itself.
 *   <li>{@code restart [connection]} ({@code queue:restart}): sets the connection's restart signal,
 *       so every worker on it stops after its current jobs.
 *   <li>{@code failed}, {@code retry <id>...|all}, {@code forget <id>}, {@code flush} ({@code
 *       queue:failed}, {@code queue:retry}, {@code queue:forget}, {@code queue:flush}): list, push
 *       back, delete one or delete every record of the manager's failed-job store.
 *   <li>{@code size [queue]...} (no think-queue counterpart): ready, delayed and reserved jobs per
 *       queue.
 * </ul>
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_JOB_TIMEOUT} a job ignored its timeout's
 * interrupt (restart the worker); {@value #EXIT_USAGE} bad command line; {@value #EXIT_ERROR} a
 * failure such as an unreachable server or an unknown connection; {@value #EXIT_MEMORY_LIMIT} the
 * worker reached {@code --memory}.
 */
public final class QueueCli {
  /**
   * The command finished: a worker stopped on a signal, after {@code --once}, {@code --max-jobs} or
   * {@code --max-time}, or on a restart signal; a failed-job or size command did its work.
   */
  public static final int EXIT_OK = 0;

  /**
   * A job went on running after its {@code --timeout} interrupted it, so the worker stopped with a
   * thread it cannot reclaim; the process should be restarted (by {@code listen} or the process
   * supervisor).
   */
  public static final int EXIT_JOB_TIMEOUT = 1;

  /**
   * The command line could not be used: unknown command or option, bad value, or no command at all.
   */
  public static final int EXIT_USAGE = 2;

  /**
   * A {@link QueueException} ended the command: a server could not be reached, the connection is
   * unknown, the configuration is invalid. The message is printed to {@link
   * Builder#err(PrintWriter)} with secrets redacted.
   */
  public static final int EXIT_ERROR = 3;

  /**
   * The worker stopped because the heap in use after garbage collection reached {@code --memory}
   * megabytes; as in think-queue, {@code listen} then starts a fresh worker.
   */
  public static final int EXIT_MEMORY_LIMIT = 12;

  static final String EXIT_CODES_HELP =
      "%nExit codes:%n"
          + "  0   done (stopped, --once, --max-jobs, --max-time or a restart signal)%n"
          + "  1   a job ignored the interrupt after its timeout; restart the worker%n"
          + "  2   bad command line%n"
          + "  3   failure: server unreachable, unknown connection, bad configuration%n"
          + "  12  the worker reached --memory%n";

  private final Supplier<QueueManager> manager;
  private final List<WorkerListener> listeners;
  private final List<String> childCommand;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean handleSignals;
  private QueueManager resolved;

  private QueueCli(Builder b) {
    this.manager = b.manager;
    this.listeners = List.copyOf(b.listeners);
    this.childCommand = b.childCommand == null ? null : List.copyOf(b.childCommand);
    this.out = b.out;
    this.err = b.err;
    this.handleSignals = b.handleSignals;
  }

  /**
   * Starts the settings of a CLI; {@link Builder#manager(Supplier)} is the one that must be given.
   *
   * @return a new builder with the defaults (standard streams, signal handling on, no extra
   *     listeners)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one command line, e.g. {@code work redis --queue a,b --tries 3}, on the calling thread:
   * {@code work} and {@code listen} return only when the worker (or the last child JVM) stops.
   * Output and help go to the builder's {@code out}, errors to its {@code err}. Each call parses
   * afresh, but the manager is obtained from its supplier only once per {@code QueueCli}.
   *
   * @param args the arguments after the program name, as given to {@code main}
   * @return the exit code (see the class description)
   */
  public int execute(String... args) {
    CommandLine cli = commandLine(args);
    return cli.execute(args);
  }

  CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Commands.Root(this));
    cli.addSubcommand(new WorkerCommands.Work(this));
    cli.addSubcommand(new WorkerCommands.Listen(this, args));
    cli.addSubcommand(new WorkerCommands.Restart(this));
    cli.addSubcommand(new FailedJobCommands.Failed(this));
    cli.addSubcommand(new FailedJobCommands.Retry(this));
    cli.addSubcommand(new FailedJobCommands.Forget(this));
    cli.addSubcommand(new FailedJobCommands.Flush(this));
    cli.addSubcommand(new Commands.Size(this));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof QueueException) {
            // A connector's message may quote its Redis URI or JDBC URL: never print a password.
            err.println("Error: " + Redaction.secrets(e.getMessage()));
            err.flush();
            return EXIT_ERROR;
          }
          throw e;
        });
    return cli;
  }

  QueueManager manager() {
    if (resolved == null) {
      QueueManager m = manager.get();
      if (m == null) {
        throw new ConfigurationException(
            "manager", null, "the CLI's manager supplier returned null");
      }
      resolved = m;
    }
    return resolved;
  }

  List<WorkerListener> listeners() {
    return listeners;
  }

  List<String> childCommand() {
    return childCommand;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  boolean handleSignals() {
    return handleSignals;
  }

  /** Settings of a {@link QueueCli}. */
  public static final class Builder {
    private Supplier<QueueManager> manager;
    private final List<WorkerListener> listeners = new ArrayList<>();
    private List<String> childCommand;
    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter err = new PrintWriter(System.err, true);
    private boolean handleSignals = true;

    private Builder() {}

    /**
     * The application's manager; called once, when a command needs it ({@code listen} never does),
     * so a {@code listen} process opens no connections itself.
     *
     * @param manager called on the command's thread; it must not return null
     * @return this builder
     */
    public Builder manager(Supplier<QueueManager> manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
      return this;
    }

    /**
     * An application's manager that already exists, for when building it eagerly costs nothing
     * (tests, a manager shared with the rest of the application).
     *
     * @param manager the manager every command uses
     * @return this builder
     */
    public Builder manager(QueueManager manager) {
      Objects.requireNonNull(manager, "manager");
      return manager(() -> manager);
    }

    /**
     * Extra listeners for {@code work} (metrics, logging), added after the console listener that
     * prints a line per job. They are called on the worker's threads, like any {@link
     * WorkerListener}.
     *
     * @param listener added to every worker a {@code work} command builds
     * @return this builder
     */
    public Builder listener(WorkerListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The command {@code listen} starts, before the {@code work ...} arguments (default: this JVM's
     * java binary, class path and main class or jar). Use it when the worker must run in another
     * launcher, e.g. a script that sets up the environment.
     *
     * @param command the program and its leading arguments; copied
     * @return this builder
     */
    public Builder childCommand(List<String> command) {
      this.childCommand = List.copyOf(command);
      return this;
    }

    /**
     * Where help and the commands' results go: a line per job of {@code work}, the tables of {@code
     * failed} and {@code size}, the confirmations of the other commands (default: standard output,
     * flushed on every line).
     *
     * @param out the writer for normal output
     * @return this builder
     */
    public Builder out(PrintWriter out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Where errors go: a {@link QueueException}'s message with secrets redacted, a bad command line
     * with its usage text, a failed job that cannot be found or pushed back (default: standard
     * error, flushed on every line).
     *
     * @param err the writer for error output
     * @return this builder
     */
    public Builder err(PrintWriter err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /**
     * Whether {@code work} and {@code listen} handle SIGTERM/SIGINT themselves (default true): the
     * first signal stops gracefully, a second stops at once. Turn off when the application handles
     * signals.
     *
     * @param handle false to leave SIGTERM and SIGINT to the application
     * @return this builder
     */
    public Builder handleSignals(boolean handle) {
      this.handleSignals = handle;
      return this;
    }

    /**
     * The CLI with these settings.
     *
     * @return a CLI ready to {@link QueueCli#execute(String...) execute} command lines
     * @throws ConfigurationException if no manager was given
     */
    public QueueCli build() {
      if (manager == null) {
        throw new ConfigurationException(
            "manager", null, "the CLI needs the application's QueueManager");
      }
      return new QueueCli(this);
    }
  }
}
