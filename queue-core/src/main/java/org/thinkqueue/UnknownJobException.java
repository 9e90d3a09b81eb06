package org.thinkqueue;

/** A job name that no handler is registered for, in {@link JobRegistry} nor through an alias. */
public final class UnknownJobException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The name that did not resolve. */
  private final String jobName;

  /**
   * An unknown job name.
   *
   * @param jobName the name that did not resolve (for a class, its binary name)
   */
  public UnknownJobException(String jobName) {
    super("Unknown job name '" + jobName + "': register a handler for it (or an alias) in the JobRegistry");
    this.jobName = jobName;
  }

  /**
   * The name that did not resolve.
   *
   * @return the job name
   */
  public String jobName() {
    return jobName;
  }
}
