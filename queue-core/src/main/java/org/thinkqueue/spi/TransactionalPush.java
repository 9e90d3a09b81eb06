package org.thinkqueue.spi;

import java.sql.Connection;
import java.time.Duration;

/**
 * Capability: pushing through the caller's JDBC connection, inside the caller's transaction. Rolled back, the job
 * never existed; committed, it runs. The connector never commits, rolls back or closes the connection.
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
   * @throws org.thinkqueue.ConnectionException if the connection is closed or cannot reach the database
   * @throws org.thinkqueue.QueueDataException if the database refused the insert
   */
  String pushRaw(Connection connection, String queue, String payload, Duration delay);
}
