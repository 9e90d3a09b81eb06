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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.UniquePush;

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
 * Connector#pushRaw(String, String, Duration)}, {@link Connector#bulkRaw(String, java.util.List)}
 * and {@link UniquePush#pushUnique(String, String, Duration, String, Duration)} and {@link
 * AtomicPush#pushAll(java.util.List)} (a publish, deferred as one unit: after the commit all of its
 * jobs are written or none) are intercepted; every other call, {@code close()} and {@link
 * UniquePush#releaseUnique} included, goes to the delegate as it is.
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
   * producer writes before the push ({@link Connector#payloadCarriesIdAndAttempts()}). A deferred
   * unique push ({@link UniquePush}) checks its key at the commit, not before: until then it
   * returns the payload's id as if it were written (a check before the commit could neither hold
   * the key for a transaction that may roll back nor see a key taken in between); if the key is
   * held at the commit, nothing is written (logged at DEBUG) and that id names no job. Two unique
   * pushes of one key in one transaction thus write the first. A push that fails after the commit
   * cannot be reported to the caller, whose transaction has committed: it is logged at ERROR with
   * the connection, queue, job id and job name (no payload content), and the job is lost; pushes
   * after it still run.
   *
   * <p>Pushes from the transaction's own callbacks: from {@code beforeCommit} or {@code
   * beforeCompletion} they are deferred like any other; from {@code afterCompletion}, where Spring
   * calls a {@code @TransactionalEventListener} of phase {@code AFTER_COMMIT}, no synchronisation
   * is active any more and they go out at once; from {@code afterCommit} they are deferred to the
   * transaction's {@code afterCompletion} round, which Spring runs, unlike the {@code afterCommit}
   * round, for synchronisations registered after it started. A deferred push whose {@code
   * afterCommit} was skipped because an earlier callback threw is made there too.
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
    return afterCommit(connectionName, delegate, () -> null);
  }

  /**
   * {@link #afterCommit(String, Connector)}, keeping a push that fails after the commit: it is
   * recorded in {@code failedJobs} (with its payload and the error), where {@code retry} pushes it
   * again once the store is back. Only if that fails too is the job lost (logged at ERROR).
   *
   * @param connectionName the queue connection's name, for logs and the failed record
   * @param delegate the connector that stores the jobs; its payloads must carry their id
   * @param failedJobs the failed-job store to record a push that failed after the commit (read at
   *     that moment; it may give {@code null})
   * @return the transaction-aware connector
   * @throws IllegalArgumentException as {@link #afterCommit(String, Connector)}
   */
  public static Connector afterCommit(
      String connectionName, Connector delegate, Supplier<FailedJobStore> failedJobs) {
    Objects.requireNonNull(failedJobs, "failedJobs");
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
    return proxy(new Pushes(connectionName, unwrap(delegate), true, failedJobs));
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
    return proxy(new Pushes(connectionName, unwrap(delegate), false, () -> null));
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
   * One deferred push, made in {@code afterCommit}, or in {@code afterCompletion} once committed if
   * Spring skipped its {@code afterCommit}: because it was registered from another callback's
   * {@code afterCommit} (Spring runs the synchronisations registered when that round started) or
   * because an earlier callback's {@code afterCommit} threw. Rolled back, nothing is pushed.
   */
  private static final class DeferredPush implements TransactionSynchronization {
    private final Runnable push;
    private boolean pushed;

    DeferredPush(Runnable push) {
      this.push = push;
    }

    @Override
    public void afterCommit() {
      pushOnce();
    }

    @Override
    public void afterCompletion(int status) {
      if (status == STATUS_COMMITTED) {
        pushOnce();
      }
    }

    private void pushOnce() {
      if (!pushed) {
        pushed = true;
        push.run();
      }
    }
  }

  private static final class Pushes implements InvocationHandler {
    private final String connectionName;
    private final Connector delegate;
    private final boolean defer;
    private final Supplier<FailedJobStore> failedJobs;

    Pushes(
        String connectionName,
        Connector delegate,
        boolean defer,
        Supplier<FailedJobStore> failedJobs) {
      this.failedJobs = failedJobs;
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
      if (name.equals("pushUnique")
          && n == 5
          && method.getParameterTypes()[0] == String.class
          && method.getDeclaringClass() == UniquePush.class) {
        return pushUnique(
            (String) args[0],
            (String) args[1],
            (Duration) args[2],
            (String) args[3],
            (Duration) args[4]);
      }
      if (name.equals("bulkRaw") && n == 2 && method.getDeclaringClass() == Connector.class) {
        @SuppressWarnings("unchecked")
        List<String> payloads = (List<String>) args[1];
        return bulkRaw((String) args[0], payloads);
      }
      if (name.equals("pushAll") && n == 1 && method.getDeclaringClass() == AtomicPush.class) {
        @SuppressWarnings("unchecked")
        List<RawPush> pushes = (List<RawPush>) args[0];
        return pushAll(pushes);
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
          new DeferredPush(
              () -> {
                try {
                  delegate.pushRaw(queue, payload, delay);
                } catch (RuntimeException e) {
                  lost(queue, List.of(payload), e);
                }
              }));
      return id;
    }

    private UniquePush.Pushed pushUnique(
        String queue, String payload, Duration delay, String uniqueKey, Duration lockFor) {
      UniquePush unique = (UniquePush) delegate;
      if (!deferring()) {
        return unique.pushUnique(queue, payload, delay, uniqueKey, lockFor);
      }
      String id = idOf(payload);
      TransactionSynchronizationManager.registerSynchronization(
          new DeferredPush(
              () -> {
                try {
                  UniquePush.Pushed pushed =
                      unique.pushUnique(queue, payload, delay, uniqueKey, lockFor);
                  if (!pushed.written()) {
                    LOG.debug(
                        "Queue connection '{}': the unique push of job {} to queue '{}', held until"
                            + " the transaction committed, wrote nothing: job {} holds the key",
                        connectionName,
                        id,
                        queue,
                        pushed.id());
                  }
                } catch (RuntimeException e) {
                  lost(queue, List.of(payload), e);
                }
              }));
      return new UniquePush.Pushed(id, true);
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
          new DeferredPush(
              () -> {
                try {
                  delegate.bulkRaw(queue, copy);
                } catch (RuntimeException e) {
                  lost(queue, copy, e);
                }
              }));
      return ids;
    }

    /** A publish: deferred as one unit, so after the commit all its jobs are written or none. */
    private List<String> pushAll(List<RawPush> pushes) {
      AtomicPush atomic = (AtomicPush) delegate;
      if (!deferring()) {
        return atomic.pushAll(pushes);
      }
      List<RawPush> copy = List.copyOf(pushes);
      List<String> ids = new ArrayList<>(copy.size());
      for (RawPush p : copy) {
        ids.add(idOf(p.payload()));
      }
      TransactionSynchronizationManager.registerSynchronization(
          new DeferredPush(
              () -> {
                try {
                  atomic.pushAll(copy);
                } catch (RuntimeException e) {
                  for (RawPush p : copy) {
                    lost(p.queue(), List.of(p.payload()), e);
                  }
                }
              }));
      return ids;
    }

    /** True if this push waits for the commit; warns for an immediate push inside one. */
    private boolean deferring() {
      if (defer) {
        return TransactionSynchronizationManager.isSynchronizationActive();
      }
      TransactionWarnings.warnIfInTransaction(
          connectionName,
          "pushes immediately inside a Spring transaction (defer-until-commit is off)");
      return false;
    }

    /** Keeps a push that failed after the commit in the failed-job store; true if it did. */
    private boolean recordFailed(String queue, String payload, String job, RuntimeException e) {
      FailedJobStore store;
      try {
        store = failedJobs.get();
        if (store == null) {
          return false;
        }
        store.record(
            connectionName, queue, payload, "Push after the transaction committed failed: " + e);
      } catch (RuntimeException recordFailed) {
        e.addSuppressed(recordFailed);
        return false;
      }
      LOG.error(
          "Queue connection '{}': the push of job {} ('{}') to queue '{}', held until the"
              + " transaction committed, failed after the commit; kept in the failed-job store"
              + " (retry it once the connection is back)",
          connectionName,
          idOf(payload),
          job,
          queue,
          e);
      return true;
    }

    private void lost(String queue, List<String> payloads, RuntimeException e) {
      for (String p : payloads) {
        String job;
        try {
          job = Payload.parse(p).job();
        } catch (PayloadException unreadable) {
          job = "?";
        }
        if (recordFailed(queue, p, job, e)) {
          continue;
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
