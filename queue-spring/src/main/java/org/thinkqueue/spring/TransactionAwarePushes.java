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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.spi.Connector;

/**
 * Spring-transaction-aware pushes for connectors that cannot join a JDBC transaction (Redis,
 * memory, sync): {@link #afterCommit} holds a push made inside a transaction until it commits, and
 * drops it on rollback, so a job never runs for data that was rolled back.
 *
 * <pre>{@code
 * QueueManager queues = QueueManager.builder()
 *     .connection("redis", TransactionAwarePushes.afterCommit("redis", redisConnector))
 *     .build();
 * }</pre>
 *
 * <p>The returned connector is a {@link Proxy} implementing exactly the public interfaces the
 * delegate implements ({@link Connector} and the capabilities {@link
 * org.thinkqueue.spi.AwaitsWork}, {@link org.thinkqueue.spi.ExtendsReservations}, {@link
 * org.thinkqueue.spi.RestartSignal}, {@link org.thinkqueue.spi.TransactionalPush}, or an
 * application's own), so workers and {@link org.thinkqueue.QueueConnection} see the same
 * capabilities; it is not an instance of the delegate's class. Only {@link
 * Connector#pushRaw(String, String, Duration)} and {@link Connector#bulkRaw(String,
 * java.util.List)} are intercepted; every other call, {@code close()} included, goes to the
 * delegate as it is.
 */
public final class TransactionAwarePushes {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionAwarePushes.class);

  private TransactionAwarePushes() {}

  /**
   * A connector that, while a Spring transaction synchronisation is active on the pushing thread
   * ({@code @Transactional}, {@code TransactionTemplate}), registers each push to run right after
   * the transaction commits and drops it if the transaction rolls back; with none active it pushes
   * at once.
   *
   * <p>A deferred push returns the id the job will have: the payload's {@code id}, which the
   * producer writes before the push ({@link Connector#payloadCarriesIdAndAttempts()}). A push that
   * fails after the commit cannot be reported to the caller, whose transaction has committed: it is
   * logged at ERROR with the connection, queue, job id and job name (no payload content), and the
   * job is lost; pushes after it still run.
   *
   * <p>Pushes from the transaction's own completion callbacks ({@code afterCommit}, a transactional
   * event listener of phase {@code AFTER_COMMIT}): a synchronisation registered after the commit
   * never runs (Spring's rule), so such a push goes out at once when this connector already
   * deferred a push in that transaction. When it did not, it cannot tell the commit has happened:
   * push from such callbacks through {@link #immediate} or inside a {@code REQUIRES_NEW}
   * transaction.
   *
   * @param connectionName the queue connection's name, for logs
   * @param delegate the connector that stores the jobs; its payloads must carry their id
   * @return the transaction-aware connector
   * @throws IllegalArgumentException if the delegate's store assigns job ids itself ({@code
   *     payloadCarriesIdAndAttempts()} is false, as for a database): the id of a deferred push
   *     could not be known. A {@code JdbcConnector} joins the transaction with a {@link
   *     SpringConnectionJoiner} instead.
   */
  public static Connector afterCommit(String connectionName, Connector delegate) {
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(delegate, "delegate");
    if (!delegate.payloadCarriesIdAndAttempts()) {
      throw new IllegalArgumentException(
          "Queue connection '"
              + connectionName
              + "' ("
              + delegate.getClass().getName()
              + ") stores job ids outside the payload, so a push deferred until the commit"
              + " cannot return its id; for a JdbcConnector use"
              + " JdbcConnector.Builder.joinTransactions(new SpringConnectionJoiner(name))");
    }
    return proxy(new Pushes(connectionName, unwrap(delegate), true));
  }

  /**
   * The opt-out: a connector that pushes at once even inside a Spring transaction, and logs a WARN
   * the first time (per connection name) it does so inside an actual transaction, since a rollback
   * will not undo the push. Capabilities are kept as by {@link #afterCommit}.
   *
   * @param connectionName the queue connection's name, for the warning
   * @param delegate the connector that stores the jobs
   * @return the connector
   */
  public static Connector immediate(String connectionName, Connector delegate) {
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(delegate, "delegate");
    return proxy(new Pushes(connectionName, unwrap(delegate), false));
  }

  /**
   * Whether a connector was made by {@link #afterCommit} and defers pushes made inside a
   * transaction.
   *
   * @param connector any connector
   * @return true for an {@link #afterCommit} connector
   */
  public static boolean defersUntilCommit(Connector connector) {
    return Proxy.isProxyClass(connector.getClass())
        && Proxy.getInvocationHandler(connector) instanceof Pushes p
        && p.defer;
  }

  /**
   * The connector that {@link #afterCommit} or {@link #immediate} wrapped, for code that needs the
   * driver's own class (e.g. {@code RedisConnector.failedJobStore()}); any other connector as it
   * is.
   *
   * @param connector any connector
   * @return the delegate, or {@code connector} itself
   */
  public static Connector unwrap(Connector connector) {
    if (Proxy.isProxyClass(connector.getClass())
        && Proxy.getInvocationHandler(connector) instanceof Pushes p) {
      return p.delegate;
    }
    return connector;
  }

  private static Connector proxy(Pushes pushes) {
    Class<?> type = pushes.delegate.getClass();
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      loader = TransactionAwarePushes.class.getClassLoader();
    }
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    interfaces.add(Connector.class);
    for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(type)) {
      // A proxy can implement a non-public interface only from that interface's own package.
      if (Modifier.isPublic(i.getModifiers()) && ClassUtils.isVisible(i, loader)) {
        interfaces.add(i);
      }
    }
    return (Connector) Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]), pushes);
  }

  /**
   * Registered with a transaction's first deferred push, ordered before every other callback: once
   * the transaction has completed, a push from one of its later callbacks ({@code afterCommit}, a
   * transactional event listener) goes out at once, since a synchronisation registered then would
   * never run. Found by scanning the thread's synchronisations, so suspended transactions
   * (REQUIRES_NEW) keep their own and nothing is bound to the thread.
   */
  private static final class Completion implements TransactionSynchronization {
    private volatile boolean done;

    /** True if the transaction whose synchronisation is active has committed or rolled back. */
    static boolean done() {
      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        if (s instanceof Completion c) {
          return c.done;
        }
      }
      TransactionSynchronizationManager.registerSynchronization(new Completion());
      return false;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterCommit() {
      done = true;
    }

    @Override
    public void afterCompletion(int status) {
      done = true;
    }
  }

  private static final class Pushes implements InvocationHandler {
    private final String connectionName;
    private final Connector delegate;
    private final boolean defer;

    Pushes(String connectionName, Connector delegate, boolean defer) {
      this.connectionName = connectionName;
      this.delegate = delegate;
      this.defer = defer;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int n = method.getParameterCount();
      if (name.equals("pushRaw")
          && n == 3
          && method.getParameterTypes()[0] == String.class
          && method.getDeclaringClass() == Connector.class) {
        return pushRaw((String) args[0], (String) args[1], (Duration) args[2]);
      }
      if (name.equals("bulkRaw") && n == 2 && method.getDeclaringClass() == Connector.class) {
        @SuppressWarnings("unchecked")
        List<String> payloads = (List<String>) args[1];
        return bulkRaw((String) args[0], payloads);
      }
      if (name.equals("equals") && n == 1) {
        return proxy == args[0];
      }
      if (name.equals("hashCode") && n == 0) {
        return System.identityHashCode(proxy);
      }
      if (name.equals("toString") && n == 0) {
        return (defer ? "AfterCommit{" : "Immediate{") + connectionName + ", " + delegate + "}";
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private String pushRaw(String queue, String payload, Duration delay) {
      if (!deferring()) {
        return delegate.pushRaw(queue, payload, delay);
      }
      String id = idOf(payload);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              try {
                delegate.pushRaw(queue, payload, delay);
              } catch (RuntimeException e) {
                lost(queue, List.of(payload), e);
              }
            }
          });
      return id;
    }

    private List<String> bulkRaw(String queue, List<String> payloads) {
      if (!deferring()) {
        return delegate.bulkRaw(queue, payloads);
      }
      List<String> copy = List.copyOf(payloads);
      List<String> ids = new ArrayList<>(copy.size());
      for (String p : copy) {
        ids.add(idOf(p));
      }
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              try {
                delegate.bulkRaw(queue, copy);
              } catch (RuntimeException e) {
                lost(queue, copy, e);
              }
            }
          });
      return ids;
    }

    /** True if this push waits for the commit; warns for an immediate push inside one. */
    private boolean deferring() {
      if (defer) {
        return TransactionSynchronizationManager.isSynchronizationActive() && !Completion.done();
      }
      TransactionWarnings.warnIfInTransaction(
          connectionName,
          "pushes immediately inside a Spring transaction (defer-until-commit is off)");
      return false;
    }

    private void lost(String queue, List<String> payloads, RuntimeException e) {
      for (String p : payloads) {
        String job;
        try {
          job = Payload.parse(p).job();
        } catch (PayloadException unreadable) {
          job = "?";
        }
        LOG.error(
            "Queue connection '{}': the push of job {} ('{}') to queue '{}', held until the"
                + " transaction committed, failed after the commit; the job is lost",
            connectionName,
            idOf(p),
            job,
            queue,
            e);
      }
    }

    private static String idOf(String payload) {
      try {
        return Payload.parse(payload).id();
      } catch (PayloadException e) {
        return null;
      }
    }
  }
}
