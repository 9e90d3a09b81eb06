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

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * Capability: pushing through the caller's JDBC connection, inside the caller's transaction. Rolled
 * back, the job never existed; committed, it runs. The connector never commits, rolls back or
 * closes the connection.
 */
public interface TransactionalPush {
  /**
   * Stores a complete payload through {@code connection}.
   *
   * @param connection the caller's connection, in the caller's transaction
   * @param queue the queue
   * @param payload the complete payload
   * @param delay time until the job is due; {@link Duration#ZERO} for now
   * @return the job id
   * @throws org.thinkqueue.ConnectionException if the connection is closed or cannot reach the
   *     database
   * @throws org.thinkqueue.QueueDataException if the database refused the insert
   */
  String pushRaw(Connection connection, String queue, String payload, Duration delay);

  /**
   * Stores several payloads through {@code connection}, all or none, as {@link
   * AtomicPush#pushAll(List)} does on a connection of the driver's own: the transactional {@link
   * org.thinkqueue.QueueConnection#publish(Connection, String, Object)}. A failed call leaves
   * nothing of its own in the caller's transaction, so a caller that commits anyway commits none of
   * the jobs. Only called on drivers that are also an {@link AtomicPush}; the default refuses.
   *
   * @param connection the caller's connection, in the caller's transaction
   * @param pushes the payloads, not empty
   * @return the job ids, one per push, in order
   * @throws UnsupportedOperationException if the driver does not store several payloads at once
   *     through the caller's connection (the default)
   * @throws org.thinkqueue.ConnectionException if the connection is closed or cannot reach the
   *     database
   * @throws org.thinkqueue.QueueDataException if the database refused the insert
   */
  default List<String> pushAll(Connection connection, List<RawPush> pushes) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot store several jobs at once in the caller's transaction");
  }
}
