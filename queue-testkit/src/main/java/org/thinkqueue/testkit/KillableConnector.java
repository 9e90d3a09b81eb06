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
package org.thinkqueue.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.spi.Connector;

/**
 * A connector whose machine can die: after {@link #kill()} every call that would reach the store
 * throws a transient {@link ConnectionException}, so nothing is acked, released or extended any
 * more, as when a worker's process or network goes away. It offers the same public capability
 * interfaces as the connector it wraps (a worker checks them with {@code instanceof}).
 */
final class KillableConnector implements InvocationHandler {
  /** Methods that answer from configuration and keep working on a dead machine. */
  private static final Set<String> LOCAL =
      Set.of("wireFormat", "retryAfter", "payloadCarriesIdAndAttempts", "close");

  private final Connector delegate;
  private final AtomicBoolean killed = new AtomicBoolean();
  private final Connector proxy;

  KillableConnector(Connector delegate) {
    this.delegate = delegate;
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = delegate.getClass(); c != null; c = c.getSuperclass()) {
      collectPublicInterfaces(c, interfaces);
    }
    this.proxy =
        (Connector)
            Proxy.newProxyInstance(
                Connector.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), this);
  }

  private static void collectPublicInterfaces(Class<?> type, Set<Class<?>> into) {
    for (Class<?> i : type.getInterfaces()) {
      if (Modifier.isPublic(i.getModifiers())) {
        into.add(i);
      }
      collectPublicInterfaces(i, into);
    }
  }

  /** The connector to hand to the worker. */
  Connector connector() {
    return proxy;
  }

  /** From now on the store is out of reach. */
  void kill() {
    killed.set(true);
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals":
        return args != null && args.length == 1 && self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return "KillableConnector[" + (killed.get() ? "killed, " : "") + delegate + "]";
      default:
        break;
    }
    if (killed.get() && !LOCAL.contains(method.getName())) {
      throw ConnectionException.transientFailure(
          "connector killed by the test (" + method.getName() + ")", null);
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
