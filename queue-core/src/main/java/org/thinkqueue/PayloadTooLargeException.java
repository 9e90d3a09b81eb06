package org.thinkqueue;

/** A payload above the configured limit ({@link QueueManager.Builder#maxPayloadBytes(int)}). */
public final class PayloadTooLargeException extends PayloadException {
  private static final long serialVersionUID = 1L;

  /** The payload's size in UTF-8 bytes. */
  private final int size;
  /** The limit it exceeded, in bytes. */
  private final int limit;

  /**
   * A refused payload.
   *
   * @param jobName the job the payload is for
   * @param size the payload's size in UTF-8 bytes
   * @param limit the limit, in bytes
   */
  public PayloadTooLargeException(String jobName, int size, int limit) {
    super("Payload of job '" + jobName + "' is " + size + " bytes, above the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  /**
   * The payload's size.
   *
   * @return the size in UTF-8 bytes
   */
  public int size() {
    return size;
  }

  /**
   * The limit the payload exceeded.
   *
   * @return the limit in bytes
   */
  public int limit() {
    return limit;
  }
}
