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
 * A payload that cannot be written (data Jackson cannot serialize) or read (not think-queue JSON,
 * or data that does not fit the handler's type). The message describes the structure, never the
 * content, which may hold personal data.
 */
public class PayloadException extends QueueException {
  private static final long serialVersionUID = 1L;

  /**
   * A payload error without a cause.
   *
   * @param message what is wrong with the payload's structure
   */
  public PayloadException(String message) {
    super(message);
  }

  /**
   * A payload error with the parser's or mapper's exception as the cause.
   *
   * @param message what is wrong with the payload's structure
   * @param cause the parser's or mapper's exception, its message withheld where it would quote the
   *     data
   */
  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
