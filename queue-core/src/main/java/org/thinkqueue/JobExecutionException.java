package org.thinkqueue;

/** Carries a checked exception thrown by a handler to a caller that cannot declare it (the sync driver). */
public final class JobExecutionException extends QueueException {
  public JobExecutionException(String jobName, Throwable cause) {
    super("Job '" + jobName + "' failed: " + cause, cause);
  }
}
