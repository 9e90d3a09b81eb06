package org.thinkqueue;

/** A payload that cannot be written (data Jackson cannot serialize) or read (not think-queue JSON). */
public class PayloadException extends QueueException {
  public PayloadException(String message) {
    super(message);
  }

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
