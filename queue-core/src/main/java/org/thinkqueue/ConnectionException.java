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

  /** A failure that may pass if tried again later: a lost connection, a timeout, a server that is starting. */
  public static ConnectionException transientFailure(String message, Throwable cause) {
    return new ConnectionException(message, cause, true);
  }

  /** A failure that trying again will not cure: a permission, authentication or schema problem. */
  public static ConnectionException permanent(String message, Throwable cause) {
    return new ConnectionException(message, cause, false);
  }

  /** True if trying again later may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
