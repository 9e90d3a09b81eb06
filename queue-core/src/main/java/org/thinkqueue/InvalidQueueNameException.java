package org.thinkqueue;

/** A queue name outside {@code [A-Za-z0-9_.:{}-]{1,255}}. */
public final class InvalidQueueNameException extends QueueException {
  private final String queue;

  public InvalidQueueNameException(String queue) {
    super("Invalid queue name " + (queue == null ? "null" : "'" + queue + "'")
        + ": it must match [A-Za-z0-9_.:{}-]{1,255}");
    this.queue = queue;
  }

  public String queue() {
    return queue;
  }
}
