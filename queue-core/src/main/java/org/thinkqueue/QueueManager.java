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
package org.thinkqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.internal.QueueNames;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;

/**
 * Named connections, a default connection and queue, the job registry and the failed-job store:
 * think-queue's {@code Queue} manager as an object for dependency injection. The producer methods
 * act on the default connection; {@link #connection(String)} reaches the others; {@link Producer}
 * lists what each producer method throws. Immutable and thread-safe once built; {@link #close()}
 * closes the connectors.
 *
 * <pre>{@code
 * QueueManager queues = QueueManager.builder()
 *     .connection("redis", redisConnector)
 *     .registry(registry)
 *     .build();
 * queues.later(5, "UserRegisterJob@sendWelcomeEmail", email, "user_register_email");
 * }</pre>
 */
public final class QueueManager implements Producer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueManager.class);

  /** think-queue's default queue name. */
  public static final String DEFAULT_QUEUE = "default";

  /** Payloads above this many bytes (UTF-8) are refused unless configured otherwise: 512 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 512 * 1024;

  private final Map<String, QueueConnection> connections;
  private final String defaultConnection;
  private final String defaultQueue;
  private final JobRegistry registry;
  private final FailedJobs failed;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QueueManager(Builder b) {
    this.defaultQueue = b.defaultQueue;
    this.registry = b.registry;
    PushListeners pushListeners = new PushListeners(b.pushListeners);
    Map<String, QueueConnection> map = new LinkedHashMap<>();
    b.connectors.forEach(
        (name, connector) ->
            map.put(
                name,
                new QueueConnection(
                    name,
                    connector,
                    b.defaultQueue,
                    b.registry,
                    b.checkJobNames,
                    b.maxPayloadBytes,
                    pushListeners)));
    this.connections = Collections.unmodifiableMap(map);
    this.defaultConnection =
        b.defaultConnection != null ? b.defaultConnection : b.connectors.keySet().iterator().next();
    this.failed = new FailedJobs(this, b.failedJobStore);
    LOG.info(
        "Queue manager ready: connections={}, default={}, defaultQueue={}, failedJobStore={}{}, "
            + "maxPayloadBytes={}",
        connections.keySet(),
        defaultConnection,
        defaultQueue,
        b.failedJobStore,
        b.failedJobStoreSource,
        b.maxPayloadBytes);
  }

  /**
   * A builder with think-queue's defaults: queue {@value #DEFAULT_QUEUE}, no registry, each
   * connection's own failed-job store, payloads up to {@value #DEFAULT_MAX_PAYLOAD_BYTES} bytes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default connection: the one the producer methods of this class use.
   *
   * @return the connection
   */
  public QueueConnection connection() {
    return connections.get(defaultConnection);
  }

  /**
   * A connection by name: think-queue's {@code Queue::connection($name)}.
   *
   * @param name the connection's name, or {@code null} for the default connection
   * @return the connection
   * @throws ConfigurationException naming the unknown connection and the known ones
   */
  public QueueConnection connection(String name) {
    QueueConnection c = name == null ? connection() : connections.get(name);
    if (c == null) {
      throw new ConfigurationException(
          "connection", name, "no such connection; known: " + connections.keySet());
    }
    return c;
  }

  /**
   * Names of all connections, in the order they were added.
   *
   * @return an unmodifiable view of the names
   */
  public Collection<String> connectionNames() {
    return connections.keySet();
  }

  /**
   * The default connection's name.
   *
   * @return the name
   */
  public String defaultConnectionName() {
    return defaultConnection;
  }

  /**
   * The queue used when a call names none.
   *
   * @return the default queue's name
   */
  public String defaultQueue() {
    return defaultQueue;
  }

  /**
   * The registry workers resolve job names with.
   *
   * @return the registry, or {@code null} for a producer-only manager
   */
  public JobRegistry registry() {
    return registry;
  }

  /**
   * Failed jobs: list, find, retry, forget, flush.
   *
   * @return the failed jobs of this manager's store
   */
  public FailedJobs failed() {
    return failed;
  }

  @Override
  public String push(String job, Object data) {
    return connection().push(job, data);
  }

  @Override
  public String push(String job, Object data, String queue) {
    return connection().push(job, data, queue);
  }

  @Override
  public String push(String job, Object data, String queue, JobOptions options) {
    return connection().push(job, data, queue, options);
  }

  @Override
  public String push(Class<?> job, Object data) {
    return connection().push(job, data);
  }

  @Override
  public String push(Class<?> job, Object data, String queue) {
    return connection().push(job, data, queue);
  }

  @Override
  public String pushOn(String queue, String job, Object data) {
    return connection().pushOn(queue, job, data);
  }

  @Override
  public String later(long delaySeconds, String job, Object data) {
    return connection().later(delaySeconds, job, data);
  }

  @Override
  public String later(long delaySeconds, String job, Object data, String queue) {
    return connection().later(delaySeconds, job, data, queue);
  }

  @Override
  public String later(Duration delay, String job, Object data) {
    return connection().later(delay, job, data);
  }

  @Override
  public String later(Duration delay, String job, Object data, String queue) {
    return connection().later(delay, job, data, queue);
  }

  @Override
  public String later(Duration delay, String job, Object data, String queue, JobOptions options) {
    return connection().later(delay, job, data, queue, options);
  }

  @Override
  public String later(long delaySeconds, Class<?> job, Object data, String queue) {
    return connection().later(delaySeconds, job, data, queue);
  }

  @Override
  public String later(Duration delay, Class<?> job, Object data, String queue) {
    return connection().later(delay, job, data, queue);
  }

  @Override
  public String laterOn(String queue, long delaySeconds, String job, Object data) {
    return connection().laterOn(queue, delaySeconds, job, data);
  }

  @Override
  public String laterOn(String queue, Duration delay, String job, Object data) {
    return connection().laterOn(queue, delay, job, data);
  }

  @Override
  public List<String> bulk(String job, Collection<?> dataItems, String queue) {
    return connection().bulk(job, dataItems, queue);
  }

  @Override
  public List<String> bulk(List<String> jobs, Object data, String queue) {
    return connection().bulk(jobs, data, queue);
  }

  @Override
  public List<String> publish(String event, Object data) {
    return connection().publish(event, data);
  }

  @Override
  public QueueSize size(String queue) {
    return connection().size(queue);
  }

  /**
   * Closes every connector; one that fails to close is logged and the others are still closed.
   * Idempotent and thread-safe.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (QueueConnection c : connections.values()) {
      try {
        c.connector().close();
      } catch (RuntimeException e) {
        LOG.warn("Closing connection '{}' failed", c.name(), e);
      }
    }
  }

  /**
   * Settings of a {@link QueueManager}; each setter validates at once. Not thread-safe: build on
   * one thread.
   */
  public static final class Builder {
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private String defaultConnection;
    private String defaultQueue = DEFAULT_QUEUE;
    private JobRegistry registry;
    private boolean checkJobNames = true;
    private FailedJobStore failedJobStore;
    private String failedJobStoreSource = " (configured)";
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private final List<PushListener> pushListeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener told of each push on every connection of the manager, on the pushing thread,
     * in the order added (see {@link PushListener}); it may add top-level fields to the payload,
     * such as a trace context.
     *
     * @param listener the listener
     * @return this builder
     * @throws ConfigurationException if {@code listener} is {@code null}
     */
    public Builder pushListener(PushListener listener) {
      if (listener == null) {
        throw new ConfigurationException("pushListener", null, "must not be null");
      }
      this.pushListeners.add(listener);
      return this;
    }

    /**
     * Adds a named connection; the first one added is the default unless {@link #defaultConnection}
     * says otherwise.
     *
     * @param name the connection's name, as think-queue's config key ({@code redis}, {@code
     *     database})
     * @param connector the driver
     * @return this builder
     * @throws ConfigurationException if the name is blank or taken, or the connector is {@code
     *     null}
     */
    public Builder connection(String name, Connector connector) {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException("connection name", name, "must not be blank");
      }
      if (connector == null) {
        throw new ConfigurationException(
            "connection '" + name + "'", null, "connector must not be null");
      }
      if (connectors.putIfAbsent(name, connector) != null) {
        throw new ConfigurationException("connection name", name, "already added");
      }
      return this;
    }

    /**
     * The connection the manager's producer methods use; by default the first one added. Checked by
     * {@link #build()}.
     *
     * @param name the name of an added connection
     * @return this builder
     */
    public Builder defaultConnection(String name) {
      this.defaultConnection = name;
      return this;
    }

    /**
     * The queue used when a call names none; think-queue's {@code default} unless set.
     *
     * @param queue a valid queue name
     * @return this builder
     * @throws ConfigurationException if the name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
     */
    public Builder defaultQueue(String queue) {
      try {
        this.defaultQueue = QueueNames.require(queue);
      } catch (InvalidQueueNameException e) {
        throw new ConfigurationException(
            "defaultQueue", queue, "must match [A-Za-z0-9_.:{}-]{1,255}");
      }
      return this;
    }

    /**
     * The registry that resolves job names. With one, pushing an unknown name fails at once with
     * {@link UnknownJobException} (see {@link #checkJobNamesOnPush}).
     *
     * @param registry the registry, or {@code null} for a producer-only manager
     * @return this builder
     */
    public Builder registry(JobRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Whether pushes check job names against the registry (default true). Turn it off in an app
     * that pushes jobs for workers in another code base (PHP workers) while running handlers of its
     * own.
     *
     * @param check whether to check
     * @return this builder
     */
    public Builder checkJobNamesOnPush(boolean check) {
      this.checkJobNames = check;
      return this;
    }

    /**
     * Where failed jobs are recorded. By default, the default connection's own store ({@link
     * Connector#defaultFailedJobStore()}): Redis and JDBC keep failed jobs persistently next to
     * their queues, the memory and sync connectors in memory. A connector without one falls back to
     * memory, with a WARN.
     *
     * @param store the store
     * @return this builder
     * @throws ConfigurationException if {@code store} is {@code null}
     */
    public Builder failedJobStore(FailedJobStore store) {
      if (store == null) {
        throw new ConfigurationException("failedJobStore", null, "must not be null");
      }
      this.failedJobStore = store;
      return this;
    }

    /**
     * The largest payload accepted by a push, in UTF-8 bytes; default {@value
     * #DEFAULT_MAX_PAYLOAD_BYTES}.
     *
     * @param bytes the limit, at least 1024
     * @return this builder
     * @throws ConfigurationException if {@code bytes} is below 1024
     */
    public Builder maxPayloadBytes(int bytes) {
      if (bytes < 1024) {
        throw new ConfigurationException("maxPayloadBytes", bytes, "must be at least 1024");
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /**
     * The default connection's own store; if that one keeps failures only in memory (think-queue's
     * usual config has {@code sync} as the default next to a {@code redis} connection), the first
     * other connection's persistent store, so failed jobs survive a restart.
     */
    private void chooseFailedJobStore(String defaultName) {
      List<String> names = new ArrayList<>();
      names.add(defaultName);
      connectors.keySet().stream().filter(n -> !n.equals(defaultName)).forEach(names::add);
      String memoryName = null;
      FailedJobStore memory = null;
      for (String name : names) {
        FailedJobStore own = connectors.get(name).defaultFailedJobStore().orElse(null);
        if (own == null) {
          continue;
        }
        if (own.persistent()) {
          failedJobStore = own;
          failedJobStoreSource =
              " (connection '"
                  + name
                  + "'"
                  + (name.equals(defaultName)
                      ? ""
                      : ", as the default connection '"
                          + defaultName
                          + "' keeps failures only in memory")
                  + ")";
          return;
        }
        if (memory == null) {
          memory = own;
          memoryName = name;
        }
      }
      if (memory != null) {
        failedJobStore = memory;
        failedJobStoreSource = " (connection '" + memoryName + "')";
        return;
      }
      failedJobStore = new MemoryFailedJobStore();
      failedJobStoreSource = " (fallback)";
      LOG.warn(
          "Connection '{}' ({}) has no failed-job store of its own: failed jobs are kept in memory and lost "
              + "at restart; configure one with QueueManager.Builder.failedJobStore",
          defaultName,
          connectors.get(defaultName).getClass().getSimpleName());
    }

    /**
     * Builds the manager and logs its effective configuration at INFO.
     *
     * @return the manager
     * @throws ConfigurationException if no connection was added or the default names none
     */
    public QueueManager build() {
      if (connectors.isEmpty()) {
        throw new ConfigurationException("connections", "none", "add at least one connection");
      }
      if (defaultConnection != null && !connectors.containsKey(defaultConnection)) {
        throw new ConfigurationException(
            "defaultConnection",
            defaultConnection,
            "no such connection; known: " + connectors.keySet());
      }
      if (failedJobStore == null) {
        chooseFailedJobStore(
            defaultConnection != null ? defaultConnection : connectors.keySet().iterator().next());
      }
      return new QueueManager(this);
    }
  }
}
