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
package org.thinkqueue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Finds the transaction the calling thread runs on the connector's {@link DataSource}, so that a
 * push without a {@link Connection} argument joins it: committed, the job exists; rolled back, it
 * never did. The Spring Boot starter supplies one backed by Spring's transaction synchronisation; a
 * plain application passes the connection itself ({@link
 * org.thinkqueue.QueueConnection#push(Connection, String, Object, String)}) instead.
 *
 * <p>A connection returned here is used inside its transaction: the connector never commits, rolls
 * back or closes it, nor changes its auto-commit mode, isolation or read-only flag.
 */
@FunctionalInterface
public interface ConnectionJoiner {
  /**
   * Called on the pushing thread before each push that was given no connection.
   *
   * @param dataSource the connector's data source, as given to {@link
   *     JdbcConnector.Builder#dataSource(DataSource)}
   * @return the connection of the transaction the calling thread runs on {@code dataSource}, or
   *     {@code null} when it runs none (the push then commits on a connection of its own)
   * @throws SQLException if looking up the transaction's connection failed
   */
  Connection transactionConnection(DataSource dataSource) throws SQLException;
}
