package org.thinkqueue;

/**
 * Recorded when a job comes back (usually after its reservation expired) with more attempts than its maximum
 * tries. The message is think-queue's own.
 */
public final class MaxAttemptsExceededException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A job attempted too often.
   *
   * @param jobName the job's name
   */
  public MaxAttemptsExceededException(String jobName) {
    super(jobName + " has been attempted too many times or run too long. The job may have previously timed out.");
  }
}
