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
 * Capability: {@link UniquePush} through the caller's JDBC connection, inside the caller's
 * transaction: the key is taken in that transaction, so a rollback leaves neither the job nor the
 * key, and a commit makes both visible at once. The connector never commits, rolls back or closes
 * the connection.
 */
public interface TransactionalUniquePush extends UniquePush, TransactionalPush {
  /**
   * {@link UniquePush#pushUnique} through {@code connection}, in the caller's transaction. Another
   * transaction pushing the same key waits for this one to end (a row lock), then sees its job.
   *
   * @param connection the caller's connection, in the caller's transaction
   * @param queue the queue; the key is taken on this queue only
   * @param payload the complete payload, carrying {@value UniquePush#KEY_FIELD}
   * @param delay time until the job is due; {@link Duration#ZERO} for now
   * @param uniqueKey the key, 1 to 255 characters
   * @param lockFor the longest the key is held, measured from now, or {@code null} for as long as
   *     the job exists
   * @return the id of the job written, or of the job that holds the key
   * @throws org.thinkqueue.ConnectionException if the connection is closed or cannot reach the
   *     database
   * @throws org.thinkqueue.QueueDataException if the database refused the write
   * @throws org.thinkqueue.ConfigurationException if the table of unique keys does not exist
   */
  Pushed pushUnique(
      Connection connection,
      String queue,
      String payload,
      Duration delay,
      String uniqueKey,
      Duration lockFor);
}
