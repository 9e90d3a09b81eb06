/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue.worker;

import org.thinkqueue.PayloadException;

/**
 * A reserved payload above the worker's read limit ({@link
 * Worker.Builder#maxPayloadReadBytes(int)}): the worker fails the job with it, without decoding the
 * payload.
 */
public final class PayloadTooLargeToReadException extends PayloadException {
  private static final long serialVersionUID = 1L;

  /** The payload's size in UTF-8 bytes. */
  private final int size;

  /** The read limit it exceeded, in bytes. */
  private final int limit;

  /**
   * An exception naming the size and the limit (never the content).
   *
   * @param size the payload's size in UTF-8 bytes
   * @param limit the worker's read limit in bytes
   */
  public PayloadTooLargeToReadException(int size, int limit) {
    super(
        "Payload is "
            + size
            + " bytes, above the worker's read limit of "
            + limit
            + " bytes; not decoded");
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
   * The read limit it exceeded.
   *
   * @return the limit in bytes
   */
  public int limit() {
    return limit;
  }
}
