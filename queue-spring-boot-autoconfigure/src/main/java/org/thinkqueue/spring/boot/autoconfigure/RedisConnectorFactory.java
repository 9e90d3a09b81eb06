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

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.Connection;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.ConnectionType;

/**
 * Redis connections: each on a client of its own, to its {@code url} or to the server of {@code
 * spring.data.redis.*} (read from the environment, so the same code runs on Spring Boot 3.5 and
 * 4.0, whose Redis auto-configurations differ).
 */
final class RedisConnectorFactory implements ConnectorFactory {
  private static final String SPRING = "spring.data.redis";
  private final Binder binder;

  RedisConnectorFactory(Environment environment) {
    this.binder = Binder.get(environment);
  }

  @Override
  public ConnectionType type() {
    return ConnectionType.REDIS;
  }

  @Override
  public Connector create(String name, Connection settings, String property) {
    RedisConnector.Builder builder = RedisConnector.builder();
    if (settings.url() != null && !settings.url().isBlank()) {
      builder.uri(settings.url());
    } else {
      fromSpringDataRedis(builder, property);
    }
    PropertyChecks.apply(
        property + ".wire-format",
        settings.wireFormat(),
        () -> builder.wireFormat(settings.wireFormat()));
    PropertyChecks.apply(
        property + ".retry-after",
        settings.retryAfter(),
        () -> builder.retryAfter(settings.retryAfter()));
    PropertyChecks.apply(
        property + ".block-for", settings.blockFor(), () -> builder.blockFor(settings.blockFor()));
    PropertyChecks.apply(
        property + ".pool-size", settings.poolSize(), () -> builder.poolSize(settings.poolSize()));
    builder.prefix(settings.prefix());
    builder.checkEviction(settings.checkEviction());
    return builder.build();
  }

  /** {@code spring.data.redis.url}, else host, port, username, password, database, timeout, ssl. */
  private void fromSpringDataRedis(RedisConnector.Builder builder, String property) {
    for (String topology : new String[] {"sentinel.master", "sentinel.nodes", "cluster.nodes"}) {
      List<String> value =
          binder.bind(SPRING + "." + topology, Bindable.listOf(String.class)).orElse(List.of());
      if (!value.isEmpty()) {
        // Not read: connecting to 127.0.0.1:6379 instead would push to the wrong server.
        throw PropertyChecks.invalid(
            SPRING + "." + topology,
            value,
            "Redis Sentinel and Cluster settings are not read from spring.data.redis.*; set "
                + property
                + ".url (a Cluster node's redis:// address) instead");
      }
    }
    String url = string("url");
    if (url != null) {
      builder.uri(url);
    } else {
      String host = string("host");
      if (host != null) {
        builder.host(host);
      }
      binder.bind(SPRING + ".port", Integer.class).ifBound(builder::port);
      binder.bind(SPRING + ".database", Integer.class).ifBound(builder::select);
      binder.bind(SPRING + ".ssl.enabled", Boolean.class).ifBound(builder::tls);
    }
    String user = string("username");
    if (user != null && url == null) {
      builder.user(user);
    }
    String password = string("password");
    if (password != null && url == null) {
      builder.password(password);
    }
    binder.bind(SPRING + ".timeout", Bindable.of(Duration.class)).ifBound(builder::timeout);
  }

  private String string(String key) {
    String value = binder.bind(SPRING + "." + key, String.class).orElse(null);
    return value == null || value.isBlank() ? null : value;
  }
}
