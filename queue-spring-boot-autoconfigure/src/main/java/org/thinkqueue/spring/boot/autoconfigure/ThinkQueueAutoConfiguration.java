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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.spring.QueueJobBeans;
import org.thinkqueue.spring.TransactionAwarePushes;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.Connection;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.ConnectionType;
import org.thinkqueue.sync.SyncConnector;

/**
 * think-queue for a Spring Boot 3.5 or 4.0 application: a {@link JobRegistry} with the
 * application's {@link JobHandler} beans, a {@link QueueManager} with the connections of {@code
 * think-queue.connections.*}, and (unless {@code think-queue.worker.enabled=false}) the workers of
 * {@code think-queue.worker.*}/{@code think-queue.workers.*}, started once the context is refreshed
 * and stopped before its data sources close. Every bean backs off when the application defines one
 * of the same type.
 *
 * <p>It runs after the data source and Jackson auto-configurations of both Spring Boot lines (their
 * class names differ between 3.5 and 4.0, so they are given by name).
 */
@AutoConfiguration(
    afterName = {
      // Spring Boot 3.5
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
      "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
      "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
      // Spring Boot 4.0
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration",
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
@ConditionalOnClass(QueueManager.class)
@EnableConfigurationProperties(ThinkQueueProperties.class)
public class ThinkQueueAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ThinkQueueAutoConfiguration.class);

  /** The name of the connection made when {@code think-queue.connections} is empty. */
  public static final String DEFAULT_CONNECTION = "default";

  /** Creates the auto-configuration; Spring calls this. */
  public ThinkQueueAutoConfiguration() {}

  /**
   * The registry workers resolve job names with: the application's {@link JobHandler} beans and
   * {@code @QueueJob} beans (registered once all singletons exist), and {@code
   * think-queue.aliases}. Payload data is converted with the application's Jackson 2 {@link
   * ObjectMapper} bean (a copy set up for PHP payloads), or the library's own mapper when there is
   * none (Spring Boot 4 configures Jackson 3 by default).
   *
   * @param properties the properties
   * @param mappers the application's Jackson 2 mapper, if any
   * @return the registry
   */
  @Bean
  @ConditionalOnMissingBean
  public JobRegistry thinkQueueJobRegistry(
      ThinkQueueProperties properties, ObjectProvider<ObjectMapper> mappers) {
    ObjectMapper spring = mappers.getIfUnique();
    JobRegistry registry =
        new JobRegistry(spring == null ? JobRegistry.defaultObjectMapper() : forPhp(spring));
    properties
        .aliases()
        .forEach(
            (alias, target) ->
                PropertyChecks.apply(
                    ThinkQueueProperties.PREFIX + ".aliases[" + alias + "]",
                    target,
                    () -> registry.alias(alias, target)));
    return registry;
  }

  /**
   * Registers the handler beans ({@code JobHandler} beans and {@code @QueueJob} beans and methods)
   * once every singleton exists, so a handler may itself inject the {@link QueueManager} to push
   * follow-up jobs; the workers start after this.
   *
   * @param registry the job registry
   * @param beans the application's beans
   * @return the registrar
   */
  @Bean
  static SmartInitializingSingleton thinkQueueJobHandlerRegistrar(
      ObjectProvider<JobRegistry> registry, ListableBeanFactory beans) {
    return () -> QueueJobBeans.registerAll(registry.getObject(), beans);
  }

  /**
   * A copy of the application's mapper (its modules and serializers kept) reading PHP payloads as
   * the library's default mapper does: unknown properties ignored, PHP's {@code []} accepted for an
   * empty object or map.
   */
  static ObjectMapper forPhp(ObjectMapper spring) {
    ObjectMapper mapper = spring.copy();
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper
        .coercionConfigFor(LogicalType.Map)
        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty);
    mapper
        .coercionConfigFor(LogicalType.POJO)
        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty);
    return mapper;
  }

  /**
   * The connections of {@code think-queue.connections}; with none, one named {@value
   * #DEFAULT_CONNECTION}: JDBC on the application's only (or primary) {@code DataSource}, tables
   * created on an embedded database, else in memory (with a WARN). Closed when the context closes,
   * after the workers stopped and before the data sources close.
   *
   * @param properties the properties
   * @param registry the job registry
   * @param factories the connector factories of the drivers on the class path
   * @param pushListeners the application's {@link PushListener} beans (and the metrics' and
   *     tracing's)
   * @return the manager
   */
  @Bean
  @ConditionalOnMissingBean
  public QueueManager thinkQueueManager(
      ThinkQueueProperties properties,
      JobRegistry registry,
      ObjectProvider<ConnectorFactory> factories,
      ObjectProvider<PushListener> pushListeners) {
    Map<ConnectionType, ConnectorFactory> byType = new EnumMap<>(ConnectionType.class);
    factories.orderedStream().forEach(f -> byType.putIfAbsent(f.type(), f));
    Map<String, Connection> connections = properties.connections();
    if (connections.isEmpty()) {
      connections = Map.of(DEFAULT_CONNECTION, Connection.ofType(defaultType(byType)));
    }
    QueueManager.Builder builder =
        QueueManager.builder()
            .registry(registry)
            .checkJobNamesOnPush(properties.checkJobNamesOnPush());
    pushListeners.orderedStream().forEach(builder::pushListener);
    PropertyChecks.apply(
        ThinkQueueProperties.PREFIX + ".default-queue",
        properties.defaultQueue(),
        () -> builder.defaultQueue(properties.defaultQueue()));
    PropertyChecks.apply(
        ThinkQueueProperties.PREFIX + ".max-payload-bytes",
        properties.maxPayloadBytes(),
        () -> builder.maxPayloadBytes(properties.maxPayloadBytes()));
    String defaultName = defaultConnection(properties, connections);
    builder.defaultConnection(defaultName);
    Map<String, Connector> made = new LinkedHashMap<>();
    // A push that fails after its transaction committed goes to the manager's failed-job store.
    AtomicReference<QueueManager> built = new AtomicReference<>();
    Supplier<FailedJobStore> failedJobs =
        () -> {
          QueueManager m = built.get();
          return m == null ? null : m.failed().store();
        };
    try {
      for (Map.Entry<String, Connection> e : connections.entrySet()) {
        Connector connector = create(e.getKey(), e.getValue(), registry, byType, failedJobs);
        made.put(e.getKey(), connector);
        builder.connection(e.getKey(), connector);
      }
      failedJobStore(properties, made, defaultName).ifPresent(builder::failedJobStore);
      QueueManager manager = builder.build();
      built.set(manager);
      return manager;
    } catch (RuntimeException e) {
      made.values().forEach(ThinkQueueAutoConfiguration::closeQuietly);
      throw e;
    }
  }

  private static ConnectionType defaultType(Map<ConnectionType, ConnectorFactory> byType) {
    ConnectorFactory jdbc = byType.get(ConnectionType.JDBC);
    if (jdbc instanceof JdbcConnectorFactory
        && ((JdbcConnectorFactory) jdbc).hasDefaultDataSource()) {
      return ConnectionType.JDBC;
    }
    // Not a silent in-memory queue: its jobs would be lost at every restart.
    throw PropertyChecks.invalid(
        ThinkQueueProperties.PREFIX + ".connections",
        null,
        "no connection is configured and the application has no single (or @Primary) DataSource"
            + " to put one on; set think-queue.connections."
            + DEFAULT_CONNECTION
            + ".type to jdbc (with a DataSource), redis, or memory (jobs lost at restart)");
  }

  private static String defaultConnection(
      ThinkQueueProperties properties, Map<String, Connection> connections) {
    String name = properties.defaultConnection();
    String property = ThinkQueueProperties.PREFIX + ".default-connection";
    if (name != null && !name.isBlank()) {
      if (!connections.containsKey(name)) {
        throw PropertyChecks.invalid(
            property, name, "no such connection; known: " + connections.keySet());
      }
      return name;
    }
    if (connections.containsKey(DEFAULT_CONNECTION)) {
      return DEFAULT_CONNECTION;
    }
    if (connections.size() == 1) {
      return connections.keySet().iterator().next();
    }
    throw PropertyChecks.invalid(
        property,
        null,
        "several connections and none named 'default': name the default one of "
            + connections.keySet());
  }

  private Connector create(
      String name,
      Connection settings,
      JobRegistry registry,
      Map<ConnectionType, ConnectorFactory> byType,
      Supplier<FailedJobStore> failedJobs) {
    String property = ThinkQueueProperties.PREFIX + ".connections." + name;
    ConnectionType type = settings.type();
    if (type == null) {
      throw PropertyChecks.invalid(property + ".type", null, "one of jdbc, redis, sync, memory");
    }
    switch (type) {
      case MEMORY:
        MemoryConnector.Builder memory =
            MemoryConnector.builder().wireFormat(settings.wireFormat());
        PropertyChecks.apply(
            property + ".retry-after",
            settings.retryAfter(),
            () -> memory.retryAfter(settings.retryAfter()));
        return nonJdbc(name, memory.build(), settings, failedJobs);
      case SYNC:
        // Inside a transaction the handler runs after the commit, as a worker would run the job.
        return nonJdbc(
            name,
            SyncConnector.builder()
                .registry(registry)
                .connectionName(name)
                .wireFormat(settings.wireFormat())
                .build(),
            settings,
            failedJobs);
      default:
        ConnectorFactory factory = byType.get(type);
        if (factory == null) {
          throw PropertyChecks.invalid(
              property + ".type",
              type.name().toLowerCase(Locale.ROOT),
              "add org.thinkqueue:queue-"
                  + type.name().toLowerCase(Locale.ROOT)
                  + " to the application's dependencies");
        }
        Connector connector = factory.create(name, settings, property);
        return type == ConnectionType.JDBC
            ? connector
            : nonJdbc(name, connector, settings, failedJobs);
    }
  }

  /**
   * Every connector that cannot join a database transaction passes here: queue-spring defers its
   * pushes until the Spring transaction commits unless {@code defer-until-commit} is false; a
   * deferred push that fails after the commit is kept in the failed-job store.
   */
  Connector nonJdbc(
      String name, Connector connector, Connection settings, Supplier<FailedJobStore> failedJobs) {
    return settings.deferUntilCommit()
        ? TransactionAwarePushes.afterCommit(name, connector, failedJobs)
        : TransactionAwarePushes.immediate(name, connector);
  }

  private static Optional<FailedJobStore> failedJobStore(
      ThinkQueueProperties properties, Map<String, Connector> connectors, String defaultName) {
    ThinkQueueProperties.Failed failed = properties.failed();
    switch (failed.type()) {
      case MEMORY:
        return Optional.of(new MemoryFailedJobStore());
      case NONE:
        return Optional.of(new DiscardingFailedJobStore());
      default:
        String name = failed.connection();
        if (name == null || name.isBlank()) {
          return Optional.empty(); // QueueManager's choice: the default connection's
        }
        Connector connector = connectors.get(name);
        String property = ThinkQueueProperties.PREFIX + ".failed.connection";
        if (connector == null) {
          throw PropertyChecks.invalid(
              property, name, "no such connection; known: " + connectors.keySet());
        }
        return Optional.of(
            connector
                .defaultFailedJobStore()
                .orElseThrow(
                    () -> PropertyChecks.invalid(property, name, "it has no failed-job store")));
    }
  }

  private static void closeQuietly(Connector connector) {
    try {
      connector.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing a connector after a failed start failed", e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.thinkqueue.jdbc.JdbcConnector")
  static class JdbcConfiguration {
    @Bean
    JdbcConnectorFactory thinkQueueJdbcConnectorFactory(
        ConfigurableListableBeanFactory beans, ObjectProvider<DataSource> dataSources) {
      return new JdbcConnectorFactory(beans, dataSources);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.thinkqueue.redis.RedisConnector")
  static class RedisConfiguration {
    @Bean
    RedisConnectorFactory thinkQueueRedisConnectorFactory(Environment environment) {
      return new RedisConnectorFactory(environment);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = ThinkQueueProperties.PREFIX + ".worker",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class WorkerConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ThinkQueueWorkers thinkQueueWorkers(
        QueueManager manager,
        ThinkQueueProperties properties,
        Environment environment,
        ObjectProvider<WorkerListener> listeners,
        ObjectProvider<JobMiddleware> middleware) {
      return new ThinkQueueWorkers(
          manager,
          properties,
          environment,
          listeners.orderedStream().toList(),
          middleware.orderedStream().toList());
    }
  }
}
