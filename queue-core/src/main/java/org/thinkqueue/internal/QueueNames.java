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
package org.thinkqueue.internal;

import org.thinkqueue.InvalidQueueNameException;

/** Validation of queue names: {@code [A-Za-z0-9_.:{}-]{1,255}}. */
public final class QueueNames {
  private QueueNames() {}

  /**
   * @throws InvalidQueueNameException naming the bad name
   */
  public static String require(String queue) {
    if (queue == null || queue.isEmpty() || queue.length() > 255) {
      throw new InvalidQueueNameException(queue);
    }
    for (int i = 0; i < queue.length(); i++) {
      char c = queue.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '{'
              || c == '}'
              || c == '-';
      if (!ok) {
        throw new InvalidQueueNameException(queue);
      }
    }
    return queue;
  }
}
