package org.thinkqueue;

import java.time.Instant;
import org.thinkqueue.internal.PayloadCodec;

/**
 * A job that failed for good, as kept by the failed-job store (think-queue's {@code failed_jobs} row).
 *
 * @param payload the job's raw body as it was reserved
 * @param exception the error, with its stack trace
 */
public record FailedJob(String id, String connection, String queue, String payload, String exception,
    Instant failedAt) {
  /** The job name from the payload, or {@code "?"} if the payload is not readable. */
  public String jobName() {
    try {
      return PayloadCodec.shared().decode(payload).job();
    } catch (PayloadException e) {
      return "?";
    }
  }
}
