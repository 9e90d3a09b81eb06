package org.thinkqueue.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.Job;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.worker.Worker;
import org.thinkqueue.event.WorkerListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The picocli commands behind {@link QueueCli}. */
final class Commands {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Commands() {}

  @Command(name = "queue", mixinStandardHelpOptions = true, subcommandsRepeatable = false,
      description = "think-queue's worker and failed-job commands.", footer = QueueCli.EXIT_CODES_HELP)
  static final class Root implements Callable<Integer> {
    private final QueueCli cli;
    @Spec
    CommandLine.Model.CommandSpec spec;

    Root(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      spec.commandLine().usage(cli.err());
      return QueueCli.EXIT_USAGE;
    }
  }

  /** Options shared by {@code work} and {@code listen}, named as {@code php think queue:work}'s. */
  static class WorkerOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "connection",
        description = "The connection to work (default: the application's default connection).")
    String connection;

    @Option(names = "--queue", split = ",", paramLabel = "a,b",
        description = "The queues to work, in priority order (default: the default queue).")
    List<String> queues;

    @Option(names = "--delay", paramLabel = "SECONDS",
        description = "Delay before a job that threw is tried again; 0 = at once, as think-queue's default "
            + "(default: exponential from 1 s to 5 min with jitter).")
    Long delay;

    @Option(names = "--sleep", defaultValue = "3", paramLabel = "SECONDS",
        description = "Wait when all queues are empty; cut short by wake-ups (default: ${DEFAULT-VALUE}).")
    double sleep;

    @Option(names = "--tries", defaultValue = "3", paramLabel = "N",
        description = "Attempts before a job fails; 0 = forever (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
        description = "Longest a job may run; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--memory", defaultValue = "0", paramLabel = "MB",
        description = "Stop with status 12 when the heap after GC reaches this; 0 = off (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
        description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-jobs", defaultValue = "0", paramLabel = "N",
        description = "Stop after this many jobs; 0 = no limit.")
    long maxJobs;

    @Option(names = "--max-time", defaultValue = "0", paramLabel = "SECONDS",
        description = "Stop after running this long; 0 = no limit.")
    long maxTime;

    @Option(names = "--quiet", description = "Do not print a line per job.")
    boolean quiet;
  }

  @Command(name = "work", mixinStandardHelpOptions = true, footer = QueueCli.EXIT_CODES_HELP,
      description = "Process jobs from the queues until stopped (SIGTERM: finish running jobs and stop; a second "
          + "signal: release them and stop at once).")
  static final class Work extends WorkerOptions implements Callable<Integer> {
    private final QueueCli cli;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--once", description = "Process the next job (or wait --sleep for one) and stop.")
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
        b.sleep(Duration.ofMillis(Math.round(sleep * 1000))).tries(tries)
            .timeout(Duration.ofSeconds(timeout)).memoryLimitMb(memory).threads(threads).once(once)
            .maxJobs(maxJobs);
        if (maxTime > 0) {
          b.maxTime(Duration.ofSeconds(maxTime));
        }
      } catch (ConfigurationException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      if (!quiet) {
        b.listener(new ConsoleLines(cli.out()));
      }
      cli.listeners().forEach(b::listener);
      Worker worker = b.build();
      Signals.Registration signals = cli.handleSignals() && !once
          ? Signals.onTerminate(() -> worker.stop(Worker.DEFAULT_STOP_GRACE), () -> worker.stop(Duration.ZERO))
          : Signals.Registration.NONE;
      try {
        return worker.run();
      } finally {
        signals.restore();
        cli.out().flush();
      }
    }
  }

  @Command(name = "listen", mixinStandardHelpOptions = true, footer = QueueCli.EXIT_CODES_HELP,
      description = "Run 'work' in a child JVM and start it again whenever it exits (after --memory's status 12, "
          + "a restart signal, a crash). SIGTERM is passed on to the child.")
  static final class Listen extends WorkerOptions implements Callable<Integer> {
    private final QueueCli cli;
    private final String[] originalArgs;

    @Option(names = "--max-runs", defaultValue = "0", paramLabel = "N",
        description = "Stop after starting the worker this many times; 0 = never (default).")
    int maxRuns;

    Listen(QueueCli cli, String[] originalArgs) {
      this.cli = cli;
      this.originalArgs = originalArgs.clone();
    }

    @Override
    public Integer call() throws Exception {
      List<String> command = new ArrayList<>(cli.childCommand() != null ? cli.childCommand() : defaultChild());
      command.addAll(childArgs());
      AtomicBoolean stopping = new AtomicBoolean();
      AtomicReference<Process> current = new AtomicReference<>();
      Signals.Registration signals = cli.handleSignals() ? Signals.onTerminate(() -> {
        stopping.set(true);
        Process p = current.get();
        if (p != null) {
          p.destroy();
        }
      }, () -> {
        Process p = current.get();
        if (p != null) {
          p.destroyForcibly();
        }
      }) : Signals.Registration.NONE;
      try {
        int runs = 0;
        int code = QueueCli.EXIT_OK;
        while (!stopping.get()) {
          long started = System.nanoTime();
          Process p = new ProcessBuilder(command).inheritIO().start();
          current.set(p);
          runs++;
          code = p.waitFor();
          cli.out().println("[" + LocalDateTime.now().format(TIME) + "] Worker exited with status " + code
              + (stopping.get() || (maxRuns > 0 && runs >= maxRuns) ? "" : "; starting it again"));
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

    /** The arguments of this command line with {@code listen} turned into {@code work}, minus listen's options. */
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

    /** java + this JVM's options + (-jar JAR | -cp CP MAIN) + the application's arguments before the command. */
    private List<String> defaultChild() {
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      String[] javaCommand = System.getProperty("sun.java.command", "").trim().split("\\s+");
      if (javaCommand.length == 0 || javaCommand[0].isEmpty()) {
        throw new ConfigurationException("childCommand", null,
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

  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "Ask every worker of the connection to stop after its current jobs (think-queue's "
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

  @Command(name = "failed", mixinStandardHelpOptions = true, description = "List failed jobs, newest first.")
  static final class Failed implements Callable<Integer> {
    private final QueueCli cli;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    Failed(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      List<FailedJob> jobs = cli.manager().failed().list(0, limit);
      if (jobs.isEmpty()) {
        cli.out().println("No failed jobs!");
        return QueueCli.EXIT_OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "Connection", "Queue", "Class", "Fail Time"});
      for (FailedJob j : jobs) {
        rows.add(new String[] {j.id(), j.connection(), j.queue(), j.jobName(),
            j.failedAt() == null ? "" : LocalDateTime.ofInstant(j.failedAt(), ZoneId.systemDefault()).format(TIME)});
      }
      table(cli.out(), rows);
      return QueueCli.EXIT_OK;
    }
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Push failed jobs back onto their queues with attempts reset ('all' for every one).")
  static final class Retry implements Callable<Integer> {
    private final QueueCli cli;

    @Parameters(arity = "1..*", paramLabel = "id", description = "Failed job ids, or 'all'.")
    List<String> ids;

    Retry(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      List<String> targets = new ArrayList<>();
      if (ids.contains("all")) {
        List<FailedJob> page;
        while (!(page = cli.manager().failed().list(targets.size(), 1000)).isEmpty()) {
          page.forEach(j -> targets.add(j.id()));
        }
      } else {
        targets.addAll(ids);
      }
      int code = QueueCli.EXIT_OK;
      for (String id : targets) {
        Optional<String> pushed;
        try {
          pushed = cli.manager().failed().retry(id);
        } catch (PayloadException e) {
          // one unreadable record must not stop "retry all"; it stays in the store
          cli.err().println("Failed job [" + id + "] cannot be pushed back: " + e.getMessage());
          code = QueueCli.EXIT_ERROR;
          continue;
        }
        if (pushed.isPresent()) {
          cli.out().println("The failed job [" + id + "] has been pushed back onto the queue!");
        } else {
          cli.err().println("Unable to find failed job with ID [" + id + "].");
          code = QueueCli.EXIT_ERROR;
        }
      }
      return code;
    }
  }

  @Command(name = "forget", mixinStandardHelpOptions = true, description = "Delete one failed job.")
  static final class Forget implements Callable<Integer> {
    private final QueueCli cli;

    @Parameters(index = "0", paramLabel = "id")
    String id;

    Forget(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      if (cli.manager().failed().forget(id)) {
        cli.out().println("Failed job deleted successfully!");
        return QueueCli.EXIT_OK;
      }
      cli.err().println("No failed job matches the given ID.");
      return QueueCli.EXIT_ERROR;
    }
  }

  @Command(name = "flush", mixinStandardHelpOptions = true, description = "Delete every failed job.")
  static final class Flush implements Callable<Integer> {
    private final QueueCli cli;

    Flush(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      cli.manager().failed().flush();
      cli.out().println("All failed jobs deleted successfully!");
      return QueueCli.EXIT_OK;
    }
  }

  @Command(name = "size", mixinStandardHelpOptions = true,
      description = "Ready, delayed and reserved jobs per queue.")
  static final class Size implements Callable<Integer> {
    private final QueueCli cli;

    @Option(names = "--connection", paramLabel = "name", description = "Default: the default connection.")
    String connection;

    @Parameters(arity = "0..*", paramLabel = "queue", description = "Default: the default queue.")
    List<String> queues;

    Size(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      QueueConnection c = cli.manager().connection(connection);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Queue", "Ready", "Delayed", "Reserved", "Total"});
      for (String q : queues == null || queues.isEmpty() ? List.of(c.defaultQueue()) : queues) {
        QueueSize s = c.size(q);
        rows.add(new String[] {q, Long.toString(s.ready()), Long.toString(s.delayed()), Long.toString(s.reserved()),
            Long.toString(s.total())});
      }
      table(cli.out(), rows);
      return QueueCli.EXIT_OK;
    }
  }

  /** think-queue's per-job console lines: {@code [time][id] Processing: name}. */
  static final class ConsoleLines implements WorkerListener {
    private final PrintWriter out;

    ConsoleLines(PrintWriter out) {
      this.out = out;
    }

    private void line(String status, Job job) {
      synchronized (out) {
        out.printf("[%s][%s] %-11s %s%n", LocalDateTime.now().format(TIME), job.getId(), status + ":", job.getName());
        out.flush();
      }
    }

    @Override
    public void onJobProcessing(JobProcessing event) {
      line("Processing", event.job());
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      line("Processed", event.job());
    }

    @Override
    public void onJobFailed(JobFailed event) {
      line("Failed", event.job());
    }
  }

  static void table(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : widths) {
      sep.append("-".repeat(w + 2)).append('+');
    }
    out.println(sep);
    for (int n = 0; n < rows.size(); n++) {
      StringBuilder line = new StringBuilder("|");
      for (int i = 0; i < widths.length; i++) {
        line.append(' ').append(String.format("%-" + widths[i] + "s", rows.get(n)[i])).append(" |");
      }
      out.println(line);
      if (n == 0) {
        out.println(sep);
      }
    }
    out.println(sep);
    out.flush();
  }
}
