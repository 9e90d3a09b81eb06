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
package org.thinkqueue.jdbc.internal;

/**
 * A release with the payload replaced and/or the reservation's attempt given back ({@code
 * Reschedules}): delete the reservation and insert the job again in one transaction, as {@link
 * JobTable#release} does (a unique job's new row keeps its key). The {@code attempts} column
 * follows the release rule, less the refunded attempt: 3.x stores the reservation's count ({@code
 * token}), so a refund stores one less; 1.x stores the next attempt's number ({@code token + 1}),
 * so a refund stores {@code token}, which its next reservation reads back as the same attempt.
 */
public final class JobRescheduler {
  private final ConnectionSource source;
  private final TableLayout layout;
  private final JobTable jobs;

  public JobRescheduler(ConnectionSource source, TableLayout layout, JobTable jobs) {
    this.source = source;
    this.layout = layout;
    this.jobs = jobs;
  }

  /**
   * Reschedules {@code job}, due in {@code delaySeconds}; {@code newPayload} null keeps the row's
   * payload. A reservation that expired and was taken again (or is gone) is left alone.
   */
  public void reschedule(
      JdbcReservedJob job, long delaySeconds, String newPayload, boolean refundAttempt) {
    int attempts = refundAttempt ? attemptsOnRefund(job) : layout.attemptsOnRelease(job);
    String payload = newPayload != null ? newPayload : job.rawBody();
    jobs.reinsert(job, delaySeconds, payload, attempts, "reschedule");
  }

  private int attemptsOnRefund(JdbcReservedJob job) {
    return layout.format().bumpsOnRelease() ? job.token() : Math.max(job.token() - 1, 0);
  }
}
