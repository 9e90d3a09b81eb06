package org.thinkqueue;

import java.time.Duration;

/** Recorded when a handler ran past its timeout and was interrupted. */
public final class JobTimeoutException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A handler that ran too long.
   *
   * @param jobName the job whose handler timed out
   * @param timeout the timeout it exceeded
   */
  public JobTimeoutException(String jobName, Duration timeout) {
    super("Job '" + jobName + "' ran longer than its timeout of " + timeout.toMillis() + " ms and was interrupted");
  }
}
