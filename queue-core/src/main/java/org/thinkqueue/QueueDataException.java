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
package org.thinkqueue;

/**
 * The store was reached and refused the data: a constraint, a value out of the column's range, a
 * wrong key type, a script error. Trying the same call again will not help, unlike a {@link
 * ConnectionException}, which this never is. Drivers wrap their client's data error (a {@code
 * SQLException} whose SQLState is not a connection class, a {@code JedisDataException}) as the
 * cause.
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
