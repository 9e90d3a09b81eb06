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
package org.thinkqueue.spring;

import java.sql.Connection;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.thinkqueue.jdbc.ConnectionJoiner;

/**
 * A {@link ConnectionJoiner} backed by Spring's transaction synchronisation: a push given no {@link
 * Connection} joins the Spring-managed transaction the pushing thread runs on the connector's
 * {@link DataSource} ({@code @Transactional}, {@code TransactionTemplate}, a {@code
 * DataSourceTransactionManager} or a JPA/Hibernate transaction manager exposing its JDBC
 * connection). Committed, the job exists; rolled back, it never did.
 *
 * <pre>{@code
 * JdbcConnector jobs = JdbcConnector.builder()
 *     .dataSource(dataSource)                       // the DataSource of the transaction manager
 *     .joinTransactions(new SpringConnectionJoiner("database"))
 *     .build();
 * }</pre>
 *
 * <p>The transaction is found under the connector's data source and, along {@link
 * DelegatingDataSource} chains ({@code TransactionAwareDataSourceProxy}, {@code
 * LazyConnectionDataSourceProxy}), under the data sources it wraps or that wrap it, so the
 * connector and the transaction manager may each be given the proxy or its target.
 *
 * <p>Returns {@code null} (the push then commits on a connection of its own, at once) when the
 * thread runs no actual transaction; when its transaction has completed and runs its {@code
 * afterCompletion} callbacks, where Spring calls a {@code @TransactionalEventListener} of phase
 * {@code AFTER_COMMIT} (the committed connection is still bound then, but nothing would commit a
 * push made on it); and when the transaction runs on another resource (another {@code DataSource},
 * JTA): in that last case a WARN is logged once for the connection name, since a rollback will not
 * undo the push.
 *
 * <p>Not detected: a push from a {@code TransactionSynchronization.afterCommit()} callback, which
 * Spring runs after the commit but before it releases the transaction's synchronisations. It joins
 * the committed connection, as any JDBC access from there does (see that method's Javadoc): the row
 * is committed only when Spring switches the connection back to auto-commit, that is when the pool
 * hands out connections in auto-commit mode, and lost otherwise. Push from such a callback inside a
 * {@code REQUIRES_NEW} transaction, or from an {@code AFTER_COMMIT} event listener.
 */
public final class SpringConnectionJoiner implements ConnectionJoiner {
  private final String connectionName;

  /**
   * A joiner whose warning names the queue connection it serves.
   *
   * @param connectionName the queue connection's name, as given to {@link
   *     org.thinkqueue.QueueManager.Builder#connection}
   */
  public SpringConnectionJoiner(String connectionName) {
    this.connectionName = Objects.requireNonNull(connectionName, "connectionName");
  }

  /** A joiner for a connection whose name is not known here; the warning names the data source. */
  public SpringConnectionJoiner() {
    this.connectionName = null;
  }

  /**
   * {@inheritDoc}
   *
   * @return the Spring transaction's connection, or {@code null} outside an actual transaction,
   *     once it has completed, or when it is on another resource
   */
  @Override
  public Connection transactionConnection(DataSource dataSource) {
    if (!TransactionWarnings.inRunningTransaction()) {
      return null;
    }
    Connection joined = find(dataSource);
    if (joined == null) {
      TransactionWarnings.warnIfInTransaction(
          connectionName == null ? "jdbc:" + dataSource : connectionName,
          "(JDBC) pushes on a connection of its own inside a Spring transaction that is not on its"
              + " DataSource (another DataSource or transaction manager)");
    }
    return joined;
  }

  /** The bound transaction's connection for {@code dataSource}, its targets or its wrappers. */
  static Connection find(DataSource dataSource) {
    for (DataSource ds = dataSource; ds != null; ds = target(ds)) {
      Connection c = connection(TransactionSynchronizationManager.getResource(ds));
      if (c != null) {
        return c;
      }
    }
    // A transaction manager given a wrapper (LazyConnectionDataSourceProxy) of the connector's data
    // source binds the wrapper: look for a bound data source whose chain reaches ours.
    for (Map.Entry<Object, Object> e :
        TransactionSynchronizationManager.getResourceMap().entrySet()) {
      if (e.getKey() instanceof DataSource bound && reaches(bound, dataSource)) {
        Connection c = connection(e.getValue());
        if (c != null) {
          return c;
        }
      }
    }
    return null;
  }

  private static Connection connection(Object resource) {
    // Not isSynchronizedWithTransaction(): JpaTransactionManager binds its holder without it.
    if (resource instanceof ConnectionHolder holder && holder.getConnectionHandle() != null) {
      return holder.getConnection();
    }
    return null;
  }

  private static boolean reaches(DataSource from, DataSource to) {
    for (DataSource ds = target(from); ds != null; ds = target(ds)) {
      if (ds == to) {
        return true;
      }
    }
    return false;
  }

  private static DataSource target(DataSource ds) {
    return ds instanceof DelegatingDataSource d ? d.getTargetDataSource() : null;
  }

  @Override
  public String toString() {
    return "SpringConnectionJoiner{" + (connectionName == null ? "" : connectionName) + "}";
  }
}
