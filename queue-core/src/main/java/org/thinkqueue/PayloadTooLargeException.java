package org.thinkqueue;

/** A payload above the configured limit ({@link QueueManager.Builder#maxPayloadBytes(int)}). */
public final class PayloadTooLargeException extends PayloadException {
  private final int size;
  private final int limit;

  public PayloadTooLargeException(String jobName, int size, int limit) {
    super("Payload of job '" + jobName + "' is " + size + " bytes, above the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  public int size() {
    return size;
  }

  public int limit() {
    return limit;
  }
}
