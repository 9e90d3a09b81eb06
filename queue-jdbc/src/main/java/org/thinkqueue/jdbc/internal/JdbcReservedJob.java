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
package org.thinkqueue.jdbc.internal;

import org.thinkqueue.spi.ReservedJob;

/**
 * A reservation: the row and its {@code attempts} value after reserving, which identifies this
 * reservation (a delete or extend of a reservation that expired and was taken again matches no
 * row).
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
