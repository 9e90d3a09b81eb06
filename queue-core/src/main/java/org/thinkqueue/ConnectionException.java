package org.thinkqueue;

/**
 * The backing store could not be reached or answered with an error. Drivers wrap their client's exception as the
 * cause. {@link #isTransient()} tells whether trying again later may succeed (a lost connection) or not (a
 * permission or schema problem).
 */
public class ConnectionException extends QueueException {
  private final boolean transientFailure;

  public ConnectionException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
