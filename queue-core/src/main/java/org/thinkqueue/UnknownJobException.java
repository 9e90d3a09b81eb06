package org.thinkqueue;

/** A job name that no handler is registered for, in {@link JobRegistry} nor through an alias. */
public final class UnknownJobException extends QueueException {
  private final String jobName;

  public UnknownJobException(String jobName) {
    super("Unknown job name '" + jobName + "': register a handler for it (or an alias) in the JobRegistry");
    this.jobName = jobName;
  }

  /** The name that did not resolve. */
  public String jobName() {
    return jobName;
  }
}
