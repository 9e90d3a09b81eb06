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
package org.thinkqueue.faults;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool that never waits between connection attempts: {@link #getConnection()}
 * hands out an idle connection that still answers, or opens a new one at once and throws if that
 * fails. Reconnecting after an outage is then up to the library alone. (HikariCP 7.1's connection
 * creator backs off 10 ms doubling to 5 s and has no setting for it, so behind Hikari a worker
 * cannot come back sooner than Hikari's next attempt.)
 */
final class NoBackoffPool implements DataSource, AutoCloseable {
  private final String url;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

  NoBackoffPool(String url, int maxIdle) {
    this.url = url;
    this.maxIdle = maxIdle;
  }

  @Override
  public Connection getConnection() throws SQLException {
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      if (c.isValid(1)) {
        return lease(c);
      }
      closeQuietly(c);
    }
    return lease(DriverManager.getConnection(url));
  }

  private Connection lease(Connection real) {
    boolean[] returned = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!returned[0]) {
                    returned[0] = true;
                    giveBack(real);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return returned[0] || real.isClosed();
                }
                default -> {
                  if (returned[0]) {
                    throw new SQLException("Connection already returned to the pool");
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  private void giveBack(Connection c) {
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      if (!c.isClosed() && idle.size() < maxIdle) {
        idle.offerFirst(c);
        return;
      }
    } catch (SQLException e) {
      // broken: drop it
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      closeQuietly(c);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's URL names the user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
