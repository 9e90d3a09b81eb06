package org.thinkqueue;

/** A queue name outside {@code [A-Za-z0-9_.:{}-]{1,255}}. */
public final class InvalidQueueNameException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The refused name, possibly {@code null}. */
  private final String queue;

  /**
   * A refused queue name.
   *
   * @param queue the name, possibly {@code null}
   */
  public InvalidQueueNameException(String queue) {
    super("Invalid queue name " + (queue == null ? "null" : "'" + queue + "'")
        + ": it must match [A-Za-z0-9_.:{}-]{1,255}");
    this.queue = queue;
  }

  /**
   * The refused name.
   *
   * @return the name, possibly {@code null}
   */
  public String queue() {
    return queue;
  }
}
