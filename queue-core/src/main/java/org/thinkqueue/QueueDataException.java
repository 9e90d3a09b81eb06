package org.thinkqueue;

/**
 * The store was reached and refused the data: a constraint, a value out of the column's range, a wrong key type,
 * a script error. Trying the same call again will not help, unlike a {@link ConnectionException}, which this never
 * is. Drivers wrap their client's data error (a {@code SQLException} whose SQLState is not a connection class, a
 * {@code JedisDataException}) as the cause.
 */
public class QueueDataException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A refused write or read.
   *
   * @param message what the store refused, naming the queue or job id; never payload content
   * @param cause the client's data error
   */
  public QueueDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
