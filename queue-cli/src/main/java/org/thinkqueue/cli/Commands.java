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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.thinkqueue.Job;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueSize;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.WorkerListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code size}, think-queue's console lines and the table printer behind {@link
 * QueueCli}.
 */
final class Commands {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Commands() {}

  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      subcommandsRepeatable = false,
      description = "think-queue's worker and failed-job commands.",
      footer = QueueCli.EXIT_CODES_HELP)
  static final class Root implements Callable<Integer> {
    private final QueueCli cli;
    @Spec CommandLine.Model.CommandSpec spec;

    Root(QueueCli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      spec.commandLine().usage(cli.err());
      return QueueCli.EXIT_USAGE;
    }
  }

  @Command(
      name = "size",
      mixinStandardHelpOptions = true,
      description = "Ready, delayed and reserved jobs per queue.")
  static final class Size implements Callable<Integer> {
    private final QueueCli cli;

    @Option(
        names = "--connection",
        paramLabel = "name",
        description = "Default: the default connection.")
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
        rows.add(
            new String[] {
              q,
              Long.toString(s.ready()),
              Long.toString(s.delayed()),
              Long.toString(s.reserved()),
              Long.toString(s.total())
            });
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
        out.printf(
            "[%s][%s] %-11s %s%n",
            LocalDateTime.now().format(TIME), job.getId(), status + ":", job.getName());
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
