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
 * The backing store could not be reached or answered with an error. Drivers wrap their client's
 * exception as the cause. {@link #isTransient()} tells whether trying again later may succeed (a
 * lost connection) or not (a permission or schema problem). Data the store refused is never a
 * connection failure: that is a {@link QueueDataException}.
 */
public class ConnectionException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** True if trying again later may succeed. */
  private final boolean transientFailure;

  /**
   * A connection failure. Prefer the factories {@link #transientFailure(String, Throwable)} and
   * {@link #permanent(String, Throwable)}, which say what the flag means.
   *
   * @param message what failed; never credentials
   * @param cause the client's exception, or {@code null}
   * @param transientFailure true if trying again later may succeed
   */
  public ConnectionException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /**
   * A failure that may pass if tried again later: a lost connection, a timeout, a server that is
   * starting.
   *
   * @param message what failed; never credentials
   * @param cause the client's exception, or {@code null}
   * @return the exception, for the caller to throw
   */
  public static ConnectionException transientFailure(String message, Throwable cause) {
    return new ConnectionException(message, cause, true);
  }

  /**
   * A failure that trying again will not cure: a permission, authentication or schema problem.
   *
   * @param message what failed; never credentials
   * @param cause the client's exception, or {@code null}
   * @return the exception, for the caller to throw
   */
  public static ConnectionException permanent(String message, Throwable cause) {
    return new ConnectionException(message, cause, false);
  }

  /**
   * Whether trying again later may succeed.
   *
   * @return true for a transient failure, false for a permanent one
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
