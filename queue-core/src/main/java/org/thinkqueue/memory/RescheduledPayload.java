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
package org.thinkqueue.memory;

import org.thinkqueue.WireFormat;
import org.thinkqueue.internal.PayloadCodec;

/**
 * The copy a rescheduled job goes back to the queue as, by the attempt rules of the Redis driver
 * (which the memory connector mirrors): 3.x stores the attempts counted so far, so a refunded
 * attempt is one less than the reserved copy holds; 1.x stores the number of the next attempt, so a
 * release adds one and a refund does not.
 */
final class RescheduledPayload {
  private RescheduledPayload() {}

  /**
   * @param reserved the reserved copy (3.x: its attempts already counts this reservation)
   * @param attempts this reservation's attempt number
   * @param newPayload the payload to store instead (the raw body with extra fields changed), or
   *     null
   */
  static String of(
      WireFormat format,
      PayloadCodec codec,
      String reserved,
      int attempts,
      String newPayload,
      boolean refundAttempt) {
    String base = newPayload != null ? newPayload : reserved;
    if (format.bumpsOnRelease()) {
      return codec.withAttempts(base, refundAttempt ? attempts : attempts + 1);
    }
    if (codec.attemptsOf(reserved).isEmpty()) {
      return base; // the reservation wrote no count: there is none to give back
    }
    return codec.withAttempts(base, refundAttempt ? Math.max(attempts - 1, 0) : attempts);
  }
}
