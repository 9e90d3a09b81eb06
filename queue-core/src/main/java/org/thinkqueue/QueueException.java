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
 * Base of every exception this library throws on purpose. Unchecked: callers catch it where they
 * can act on it. Abstract: each failure has its own type ({@link ConnectionException}, {@link
 * QueueDataException}, {@link PayloadException}, {@link ConfigurationException}, ...), so callers
 * can tell a store outage from bad data.
 */
public abstract class QueueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without a cause.
   *
   * @param message what failed, naming the bad value; never payload content or credentials
   */
  protected QueueException(String message) {
    super(message);
  }

  /**
   * An exception wrapping the failure that caused it.
   *
   * @param message what failed, naming the bad value; never payload content or credentials
   * @param cause the underlying failure, or {@code null}
   */
  protected QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
