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

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.thinkqueue.FailedJob;
import org.thinkqueue.PayloadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The failed-job commands: {@code failed}, {@code retry}, {@code forget} and {@code flush}. */
final class FailedJobCommands {
  private FailedJobCommands() {}

  @Command(
      name = "failed",
      mixinStandardHelpOptions = true,
      description = "List failed jobs, newest first.")
  static final class Failed implements Callable<Integer> {
    private final QueueCli cli;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default: ${DEFAULT-VALUE}).")
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
        rows.add(
            new String[] {
              j.id(),
              j.connection(),
              j.queue(),
              j.jobName(),
              j.failedAt() == null
                  ? ""
                  : LocalDateTime.ofInstant(j.failedAt(), ZoneId.systemDefault())
                      .format(Commands.TIME)
            });
      }
      Commands.table(cli.out(), rows);
      return QueueCli.EXIT_OK;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description =
          "Push failed jobs back onto their queues with attempts reset ('all' for every one).")
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

  @Command(
      name = "flush",
      mixinStandardHelpOptions = true,
      description = "Delete every failed job.")
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
}
