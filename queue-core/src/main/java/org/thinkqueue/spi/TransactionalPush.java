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
   * @return the job id
   * @throws org.thinkqueue.ConnectionException if the connection is closed or the insert fails
   */
  String pushRaw(Connection connection, String queue, String payload, Duration delay);
}
