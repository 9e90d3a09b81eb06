package org.thinkqueue;

import java.time.Instant;
import org.thinkqueue.internal.PayloadCodec;

/**
 * A job that failed for good, as kept by the failed-job store (think-queue's {@code failed_jobs} row).
 *
 * <p>Named with think-queue's columns; immutable.
 *
 * @param id the record's id in its store
 * @param connection the name of the connection the job ran on
 * @param queue the queue it was reserved from
 * @param payload the job's raw body as it was reserved
 * @param exception the error, with its stack trace
 * @param failedAt when it failed
 */
public record FailedJob(String id, String connection, String queue, String payload, String exception,
    Instant failedAt) {
  /**
   * The job name from the payload.
   *
   * @return the name, or {@code "?"} if the payload is not readable
   */
  public String jobName() {
    try {
      return PayloadCodec.shared().decode(payload).job();
    } catch (PayloadException e) {
      return "?";
    }
  }
}
