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

/**
 * One reservation handed out by {@link Connector#pop(String, int)}. Drivers subclass it to keep
 * what they need to delete or release exactly this reservation (the reserved Redis member, the row
 * id). Immutable.
 */
public abstract class ReservedJob {
  private final String queue;
  private final String rawBody;
  private final int attempts;

  /**
   * A reservation.
   *
   * @param queue the queue it was reserved from
   * @param rawBody the payload as think-queue's {@code getRawBody()} returns it (for Redis 3.x,
   *     before the attempts bump)
   * @param attempts the attempt this reservation is, 1 or more ({@link
   *     org.thinkqueue.WireFormat#attemptOnReserve})
   */
  protected ReservedJob(String queue, String rawBody, int attempts) {
    this.queue = queue;
    this.rawBody = rawBody;
    this.attempts = attempts;
  }

  /**
   * The queue it was reserved from.
   *
   * @return the queue name
   */
  public final String queue() {
    return queue;
  }

  /**
   * The payload as think-queue's {@code getRawBody()} returns it.
   *
   * @return the raw JSON text
   */
  public final String rawBody() {
    return rawBody;
  }

  /**
   * Reservations so far, this one included.
   *
   * @return the attempt number, 1 or more
   */
  public final int attempts() {
    return attempts;
  }

  /**
   * The job id.
   *
   * @return the payload's id or the row id; {@code null} if the payload could not be read
   */
  public abstract String id();
}
