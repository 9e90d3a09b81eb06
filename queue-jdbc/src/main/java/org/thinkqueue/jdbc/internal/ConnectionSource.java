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

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The caller's data source and whether it hands out connections in auto-commit mode, learned from
 * the first connection taken (the connector's build). Plain JDBC cannot tell a fresh connection of
 * a pool configured without auto-commit from the connection of a transaction the caller runs
 * (Spring's {@code TransactionAwareDataSourceProxy} hands that out to anyone asking on the
 * transaction's thread); this knowledge decides it:
 *
 * <ul>
 *   <li>a pool of auto-commit connections: one that arrives with auto-commit off is a transaction
 *       someone else runs ({@link Ownership#CALLERS});
 *   <li>a pool without auto-commit: every connection is a fresh one of ours, which we must commit
 *       ({@link Ownership#MANUAL}).
 * </ul>
 *
 * Nothing is stored per thread or globally: each connector has its own. Thread-safe.
 */
public final class ConnectionSource {
  /** What a connection taken from the data source is, and so what may be done with it. */
  public enum Ownership {
    /** Ours, in auto-commit mode: may be switched off for a transaction, then switched back. */
    AUTO_COMMIT,
    /** Ours, from a pool without auto-commit: committed (or rolled back) by us, never switched. */
    MANUAL,
    /** The caller's transaction: used inside it, never committed, rolled back or switched. */
    CALLERS
  }

  private final DataSource dataSource;

  /** Whether the pool hands out auto-commit connections; null until the first connection. */
  private volatile Boolean autoCommitPool;

  private ConnectionSource(DataSource dataSource, Boolean autoCommitPool) {
    this.dataSource = dataSource;
    this.autoCommitPool = autoCommitPool;
  }

  /**
   * A source whose pool mode the connector learned from {@code sample}, a connection of its own.
   */
  public static ConnectionSource learnedFrom(DataSource dataSource, Connection sample)
      throws SQLException {
    return new ConnectionSource(dataSource, sample.getAutoCommit());
  }

  /**
   * A source that learns the pool's mode from the first connection it takes (a failed-job store
   * made without a connector); that first use must not run inside a transaction on the data source.
   */
  public static ConnectionSource learnOnFirstUse(DataSource dataSource) {
    return new ConnectionSource(dataSource, null);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** True when the pool hands out auto-commit connections; null before the first connection. */
  public Boolean autoCommitPool() {
    return autoCommitPool;
  }

  /** A connection from the data source, as {@link Transactions#connect} takes it. */
  public Connection connect() throws SQLException {
    return Transactions.connect(dataSource);
  }

  /** What {@code c}, just taken from {@link #connect()}, is. */
  public Ownership ownership(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    Boolean pool = autoCommitPool;
    if (pool == null) {
      pool = autoCommit;
      autoCommitPool = pool;
    }
    if (!pool) {
      return Ownership.MANUAL;
    }
    return autoCommit ? Ownership.AUTO_COMMIT : Ownership.CALLERS;
  }
}
