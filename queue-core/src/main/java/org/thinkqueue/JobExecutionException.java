package org.thinkqueue;

/** Carries a checked exception thrown by a handler to a caller that cannot declare it (the sync driver). */
public final class JobExecutionException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps a handler's checked exception.
   *
   * @param jobName the job whose handler threw
   * @param cause what the handler threw
   */
  public JobExecutionException(String jobName, Throwable cause) {
    super("Job '" + jobName + "' failed: " + cause, cause);
  }
}
