package org.thinkqueue.jdbc.internal;

import org.thinkqueue.spi.ReservedJob;

/**
 * A reservation: the row and its {@code attempts} value after reserving, which identifies this reservation (a
 * delete or extend of a reservation that expired and was taken again matches no row).
 */
public final class JdbcReservedJob extends ReservedJob {
  private final long rowId;
  private final int token;

  public JdbcReservedJob(String queue, String payload, int attempts, long rowId, int token) {
    super(queue, payload, attempts);
    this.rowId = rowId;
    this.token = token;
  }

  /** The row's primary key. */
  public long rowId() {
    return rowId;
  }

  /** The stored {@code attempts} this reservation wrote. */
  public int token() {
    return token;
  }

  @Override
  public String id() {
    return Long.toString(rowId);
  }
}
