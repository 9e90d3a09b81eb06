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
package org.thinkqueue.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spring.SpringConnectionJoiner;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.ConnectionType;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.InitializeSchema;

/** JDBC connections on the application's {@code DataSource} beans. */
final class JdbcConnectorFactory implements ConnectorFactory {
  private final ConfigurableListableBeanFactory beans;
  private final ObjectProvider<DataSource> dataSources;

  JdbcConnectorFactory(
      ConfigurableListableBeanFactory beans, ObjectProvider<DataSource> dataSources) {
    this.beans = beans;
    this.dataSources = dataSources;
  }

  @Override
  public ConnectionType type() {
    return ConnectionType.JDBC;
  }

  /** Whether a connection named by nothing but the zero-config default can be made. */
  boolean hasDefaultDataSource() {
    return dataSources.getIfUnique() != null;
  }

  @Override
  public Connector create(String name, ThinkQueueProperties.Connection settings, String property) {
    DataSource dataSource = dataSource(settings.dataSource(), property);
    JdbcConnector.Builder builder = JdbcConnector.builder().dataSource(dataSource);
    PropertyChecks.apply(
        property + ".wire-format",
        settings.wireFormat(),
        () -> builder.wireFormat(settings.wireFormat()));
    PropertyChecks.apply(
        property + ".table", settings.table(), () -> builder.table(settings.table()));
    PropertyChecks.apply(
        property + ".failed-table",
        settings.failedTable(),
        () -> builder.failedTable(settings.failedTable()));
    PropertyChecks.apply(
        property + ".restart-table",
        settings.restartTable(),
        () -> builder.restartTable(settings.restartTable()));
    PropertyChecks.apply(
        property + ".prefix", settings.prefix(), () -> builder.prefix(settings.prefix()));
    PropertyChecks.apply(
        property + ".retry-after",
        settings.retryAfter(),
        () -> builder.retryAfter(settings.retryAfter()));
    builder.listenNotify(settings.listenNotify());
    builder.createSchemaIfMissing(createSchema(settings.initializeSchema(), dataSource));
    return build(name, builder);
  }

  /** The one place JDBC connectors are built: queue-spring's transaction joining goes here. */
  JdbcConnector build(String name, JdbcConnector.Builder builder) {
    // Pushes inside a Spring transaction on this DataSource join it.
    return builder.joinTransactions(new SpringConnectionJoiner(name)).build();
  }

  private DataSource dataSource(String beanName, String property) {
    if (beanName != null && !beanName.isBlank()) {
      try {
        return beans.getBean(beanName, DataSource.class);
      } catch (NoSuchBeanDefinitionException e) {
        throw PropertyChecks.invalid(
            property + ".data-source", beanName, "no DataSource bean of that name");
      }
    }
    DataSource unique = dataSources.getIfUnique();
    if (unique == null) {
      throw PropertyChecks.invalid(
          property + ".data-source",
          null,
          "the application has no DataSource bean, or several and none primary: name one");
    }
    return unique;
  }

  private static boolean createSchema(InitializeSchema mode, DataSource dataSource) {
    switch (mode) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        return isEmbedded(dataSource);
    }
  }

  /** In-memory H2, HSQLDB or Derby, as Spring Boot's {@code EmbeddedDatabaseConnection} sees it. */
  static boolean isEmbedded(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String url = meta.getURL() == null ? "" : meta.getURL().toLowerCase(Locale.ROOT);
      return url.startsWith("jdbc:h2:mem:")
          || url.startsWith("jdbc:hsqldb:mem:")
          || url.startsWith("jdbc:derby:memory:");
    } catch (SQLException e) {
      throw new ConnectionException("Could not read the database's metadata", e, true);
    }
  }
}
