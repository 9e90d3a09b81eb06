package org.thinkqueue;

/**
 * Base of every exception this library throws on purpose. Unchecked: callers catch it where they can act on it.
 */
public class QueueException extends RuntimeException {
  public QueueException(String message) {
    super(message);
  }

  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
