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
package org.thinkqueue.spring.boot.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.thinkqueue.FailedJob;
import org.thinkqueue.FailedJobs;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.Redaction;

/**
 * The {@code thinkqueue} Actuator endpoint: queue sizes per connection and the failed jobs, with
 * think-queue's {@code queue:retry} and {@code queue:forget}.
 *
 * <ul>
 *   <li>{@code GET /actuator/thinkqueue}: {@link #queues()}.
 *   <li>{@code GET /actuator/thinkqueue/{id}}: {@link #failedJob(String)}.
 *   <li>{@code POST /actuator/thinkqueue/{id}}: {@link #retry(String)} ({@code all} retries every
 *       failed job).
 *   <li>{@code DELETE /actuator/thinkqueue/{id}}: {@link #forget(String)}.
 * </ul>
 *
 * <p>Read-only by default, as Actuator's sensitive endpoints: the write and delete operations exist
 * only with {@code management.endpoint.thinkqueue.access=unrestricted}. Payloads are never shown
 * unless {@code think-queue.actuator.show-payloads=true}: they may hold personal data. Works on
 * Spring Boot 3.5 and 4.0 (the endpoint API is the same on both). Thread-safe.
 */
@Endpoint(id = "thinkqueue", defaultAccess = Access.READ_ONLY)
public class ThinkQueueEndpoint {
  /** How many of the newest failed jobs {@link #queues()} lists. */
  public static final int FAILED_JOBS_PAGE = 20;

  /** The selector that makes {@link #retry(String)} retry every failed job. */
  public static final String ALL = "all";

  private static final int LIST_CHUNK = 500;

  private final QueueManager manager;
  private final Supplier<? extends Collection<String>> queues;
  private final boolean showPayloads;

  /**
   * An endpoint over a manager.
   *
   * @param manager the manager
   * @param queues the queues whose sizes are shown for each connection, asked at every read; empty
   *     = the manager's default queue
   * @param showPayloads whether {@link #failedJob(String)} shows the job's payload
   */
  public ThinkQueueEndpoint(
      QueueManager manager, Supplier<? extends Collection<String>> queues, boolean showPayloads) {
    this.manager = manager;
    this.queues = queues;
    this.showPayloads = showPayloads;
  }

  /**
   * Each connection's queue sizes, the failed-job count and the {@value #FAILED_JOBS_PAGE} newest
   * failed jobs. A connection or store that fails is shown with its error; the others still are.
   *
   * @return the report
   */
  @ReadOperation
  public QueuesDescriptor queues() {
    Collection<String> names = QueueHealthCheck.knownQueues(queues, manager);
    Map<String, ConnectionDescriptor> connections = new LinkedHashMap<>();
    for (String name : manager.connectionNames()) {
      connections.put(name, describeConnection(manager.connection(name), names));
    }
    return new QueuesDescriptor(
        manager.defaultConnectionName(),
        Collections.unmodifiableMap(connections),
        describeFailedJobs());
  }

  private static ConnectionDescriptor describeConnection(
      QueueConnection connection, Collection<String> names) {
    Map<String, QueueSizeDescriptor> sizes = new LinkedHashMap<>();
    try {
      for (String queue : names) {
        sizes.put(queue, QueueSizeDescriptor.of(connection.size(queue)));
      }
      return new ConnectionDescriptor(Collections.unmodifiableMap(sizes), null);
    } catch (RuntimeException e) {
      return new ConnectionDescriptor(
          Collections.unmodifiableMap(sizes), QueueHealthCheck.describe(e));
    }
  }

  private FailedJobsDescriptor describeFailedJobs() {
    try {
      FailedJobs failed = manager.failed();
      List<FailedJobSummary> newest =
          failed.list(0, FAILED_JOBS_PAGE).stream().map(FailedJobSummary::of).toList();
      return new FailedJobsDescriptor(failed.count(), newest, null);
    } catch (RuntimeException e) {
      return new FailedJobsDescriptor(null, List.of(), QueueHealthCheck.describe(e));
    }
  }

  /**
   * One failed job: its full exception and, if enabled, its payload.
   *
   * @param id the record's id
   * @return the record, or {@code null} (404) if there is none with that id
   */
  @ReadOperation
  public FailedJobDescriptor failedJob(@Selector String id) {
    return manager
        .failed()
        .find(id)
        .map(job -> FailedJobDescriptor.of(job, showPayloads))
        .orElse(null);
  }

  /**
   * Pushes a failed job back onto its queue with its attempts reset and forgets the record, as
   * think-queue's {@code queue:retry}; {@value #ALL} retries every failed job. A job that cannot be
   * retried keeps its record and is listed under {@code errors}.
   *
   * @param id the record's id, or {@value #ALL}
   * @return what was retried, what was not found, and what failed
   */
  @WriteOperation
  public RetryDescriptor retry(@Selector String id) {
    FailedJobs failed = manager.failed();
    List<String> ids = ALL.equals(id) ? allIds(failed) : List.of(id);
    List<RetriedJob> retried = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (String one : ids) {
      try {
        Optional<String> newId = failed.retry(one);
        if (newId.isPresent()) {
          retried.add(new RetriedJob(one, newId.get()));
        } else {
          notFound.add(one);
        }
      } catch (RuntimeException e) {
        errors.put(one, QueueHealthCheck.describe(e));
      }
    }
    return new RetryDescriptor(
        List.copyOf(retried), List.copyOf(notFound), Collections.unmodifiableMap(errors));
  }

  private static List<String> allIds(FailedJobs failed) {
    List<String> ids = new ArrayList<>();
    for (int offset = 0; ; offset += LIST_CHUNK) {
      List<FailedJob> page = failed.list(offset, LIST_CHUNK);
      page.forEach(job -> ids.add(job.id()));
      if (page.size() < LIST_CHUNK) {
        return ids;
      }
    }
  }

  /**
   * Removes a failed job's record, as think-queue's {@code queue:forget}.
   *
   * @param id the record's id
   * @return whether a record was removed
   */
  @DeleteOperation
  public ForgetDescriptor forget(@Selector String id) {
    return new ForgetDescriptor(id, manager.failed().forget(id));
  }

  /**
   * The endpoint's main report.
   *
   * @param defaultConnection the name of the manager's default connection
   * @param connections each connection's known queues
   * @param failedJobs the failed jobs of the manager's store
   */
  public record QueuesDescriptor(
      String defaultConnection,
      Map<String, ConnectionDescriptor> connections,
      FailedJobsDescriptor failedJobs) {}

  /**
   * One connection.
   *
   * @param queues size of each known queue (those read before an error)
   * @param error the error's class and message if the connection failed, else {@code null}
   */
  public record ConnectionDescriptor(Map<String, QueueSizeDescriptor> queues, String error) {}

  /**
   * One queue's size, as {@link QueueSize}.
   *
   * @param ready jobs available now
   * @param delayed jobs due later
   * @param reserved jobs reserved by a worker
   * @param total all of them
   */
  public record QueueSizeDescriptor(long ready, long delayed, long reserved, long total) {
    static QueueSizeDescriptor of(QueueSize size) {
      return new QueueSizeDescriptor(size.ready(), size.delayed(), size.reserved(), size.total());
    }
  }

  /**
   * The failed jobs.
   *
   * @param count how many are kept, or {@code null} if the store failed
   * @param newest the {@value ThinkQueueEndpoint#FAILED_JOBS_PAGE} newest, newest first
   * @param error the error's class and message if the store failed, else {@code null}
   */
  public record FailedJobsDescriptor(Long count, List<FailedJobSummary> newest, String error) {}

  /**
   * A failed job in a list: no payload, the exception's first line only.
   *
   * @param id the record's id
   * @param connection the connection it ran on
   * @param queue its queue
   * @param job the job name from its payload ({@code ?} if unreadable)
   * @param failedAt when it failed, ISO-8601
   * @param exception the first line of its exception, credentials in URIs masked
   */
  public record FailedJobSummary(
      String id, String connection, String queue, String job, String failedAt, String exception) {
    static FailedJobSummary of(FailedJob job) {
      return new FailedJobSummary(
          job.id(),
          job.connection(),
          job.queue(),
          job.jobName(),
          String.valueOf(job.failedAt()),
          Redaction.secrets(firstLine(job.exception())));
    }

    private static String firstLine(String text) {
      if (text == null) {
        return null;
      }
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).stripTrailing();
    }
  }

  /**
   * One failed job in full.
   *
   * @param id the record's id
   * @param connection the connection it ran on
   * @param queue its queue
   * @param job the job name from its payload ({@code ?} if unreadable)
   * @param failedAt when it failed, ISO-8601
   * @param exception its exception with the stack trace, credentials in URIs masked
   * @param payload its raw payload if {@code think-queue.actuator.show-payloads} is on, else {@code
   *     null}
   */
  public record FailedJobDescriptor(
      String id,
      String connection,
      String queue,
      String job,
      String failedAt,
      String exception,
      String payload) {
    static FailedJobDescriptor of(FailedJob job, boolean showPayload) {
      return new FailedJobDescriptor(
          job.id(),
          job.connection(),
          job.queue(),
          job.jobName(),
          String.valueOf(job.failedAt()),
          Redaction.secrets(job.exception()),
          showPayload ? job.payload() : null);
    }
  }

  /**
   * The outcome of a retry.
   *
   * @param retried the records pushed back, with their new job ids
   * @param notFound ids that had no record
   * @param errors ids that could not be retried (their records are kept), with the error
   */
  public record RetryDescriptor(
      List<RetriedJob> retried, List<String> notFound, Map<String, String> errors) {}

  /**
   * One record pushed back.
   *
   * @param id the failed job's record id (now forgotten)
   * @param jobId the id of the job pushed back
   */
  public record RetriedJob(String id, String jobId) {}

  /**
   * The outcome of a forget.
   *
   * @param id the record's id
   * @param forgotten whether a record was removed
   */
  public record ForgetDescriptor(String id, boolean forgotten) {}
}
