package org.thinkqueue.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spi.Redaction;
import org.thinkqueue.event.WorkerListener;
import picocli.CommandLine;

/**
 * think-queue's commands for an application to embed: {@code work}, {@code listen}, {@code restart},
 * {@code failed}, {@code retry}, {@code forget}, {@code flush}, {@code size}. The application supplies its own
 * {@link QueueManager} (connections, registry, failed-job store):
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(QueueCli.builder().manager(MyApp::queues).build().execute(args));
 * }
 * }</pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_JOB_TIMEOUT} a job ignored its timeout's interrupt (restart
 * the worker); {@value #EXIT_USAGE} bad command line; {@value #EXIT_ERROR} a failure such as an unreachable server
 * or an unknown connection; {@value #EXIT_MEMORY_LIMIT} the worker reached {@code --memory}.
 */
public final class QueueCli {
  public static final int EXIT_OK = 0;
  public static final int EXIT_JOB_TIMEOUT = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_ERROR = 3;
  public static final int EXIT_MEMORY_LIMIT = 12;

  static final String EXIT_CODES_HELP = "%nExit codes:%n"
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

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one command line, e.g. {@code work redis --queue a,b --tries 3}.
   *
   * @return the exit code (see the class description)
   */
  public int execute(String... args) {
    CommandLine cli = commandLine(args);
    return cli.execute(args);
  }

  CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Commands.Root(this));
    cli.addSubcommand(new Commands.Work(this));
    cli.addSubcommand(new Commands.Listen(this, args));
    cli.addSubcommand(new Commands.Restart(this));
    cli.addSubcommand(new Commands.Failed(this));
    cli.addSubcommand(new Commands.Retry(this));
    cli.addSubcommand(new Commands.Forget(this));
    cli.addSubcommand(new Commands.Flush(this));
    cli.addSubcommand(new Commands.Size(this));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
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
        throw new ConfigurationException("manager", null, "the CLI's manager supplier returned null");
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

    /** The application's manager; called once, when a command needs it ({@code listen} never does). */
    public Builder manager(Supplier<QueueManager> manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
      return this;
    }

    public Builder manager(QueueManager manager) {
      Objects.requireNonNull(manager, "manager");
      return manager(() -> manager);
    }

    /** Extra listeners for {@code work} (metrics, logging). */
    public Builder listener(WorkerListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The command {@code listen} starts, before the {@code work ...} arguments (default: this JVM's java binary,
     * class path and main class or jar).
     */
    public Builder childCommand(List<String> command) {
      this.childCommand = List.copyOf(command);
      return this;
    }

    public Builder out(PrintWriter out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    public Builder err(PrintWriter err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /**
     * Whether {@code work} and {@code listen} handle SIGTERM/SIGINT themselves (default true): the first signal stops
     * gracefully, a second stops at once. Turn off when the application handles signals.
     */
    public Builder handleSignals(boolean handle) {
      this.handleSignals = handle;
      return this;
    }

    public QueueCli build() {
      if (manager == null) {
        throw new ConfigurationException("manager", null, "the CLI needs the application's QueueManager");
      }
      return new QueueCli(this);
    }
  }
}
