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
package org.thinkqueue.spi;

import java.time.Duration;

/**
 * Capability: a reservation can be ended with the job's stored payload replaced and, for a snooze,
 * the attempt it counted given back. The worker uses it for {@link org.thinkqueue.Job#snooze} and
 * to persist its own fields across a release (a retry deadline it stamped, a count of thrown
 * exceptions). Without it, a snooze is a plain release (the attempt stays counted) and those fields
 * are not kept.
 */
public interface Reschedules {
  /**
   * Ends the reservation and makes the job available again after {@code delay}, as {@link
   * Connector#release} does, with two differences: the stored payload becomes {@code newPayload}
   * when one is given, and with {@code refundAttempt} the attempt this reservation counted is given
   * back, so the next reservation sees the same {@link ReservedJob#attempts()} as this one did.
   *
   * <p>{@code newPayload} is the reservation's {@link ReservedJob#rawBody()} with only extra
   * top-level fields added or changed; the driver applies its attempt rule to it exactly as a
   * release does to the stored copy (3.x Redis: the {@code attempts} of the reserved copy, less one
   * when refunded; 1.x Redis: the release bump, skipped when refunded; database rows: the {@code
   * attempts} column, less one when refunded). A reservation that already ended (expired and went
   * back, deleted, released) is left alone, as {@link Connector#release} leaves it.
   *
   * @param job a reservation this connector handed out
   * @param delay time until the job is due again; {@link java.time.Duration#ZERO} for now
   * @param newPayload the payload to store instead, or {@code null} to keep the stored one
   * @param refundAttempt true to give back the attempt this reservation counted
   */
  void reschedule(ReservedJob job, Duration delay, String newPayload, boolean refundAttempt);
}
