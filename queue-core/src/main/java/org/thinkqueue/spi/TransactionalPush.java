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
}
