package org.thinkqueue.worker;

import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;

/**
 * A reserved payload above the worker's read limit ({@link Worker.Builder#maxPayloadReadBytes(int)}): the worker
 * fails the job with it, without decoding the payload.
 */
public final class PayloadTooLargeToReadException extends PayloadException {
  private final int size;
  private final int limit;

  public PayloadTooLargeToReadException(int size, int limit) {
    super("Payload is " + size + " bytes, above the worker's read limit of " + limit + " bytes; not decoded");
    this.size = size;
    this.limit = limit;
  }

  /** The payload's size in UTF-8 bytes. */
  public int size() {
    return size;
  }

  /** The read limit it exceeded, in bytes. */
  public int limit() {
    return limit;
  }
}
