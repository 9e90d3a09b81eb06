package org.thinkqueue;

/**
 * Base of every exception this library throws on purpose. Unchecked: callers catch it where they can act on it.
 */
public abstract class QueueException extends RuntimeException {
  protected QueueException(String message) {
    super(message);
  }

  protected QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
