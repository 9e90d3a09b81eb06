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
package org.thinkqueue.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM/SIGINT for {@code work} and {@code listen}: the first signal runs a graceful stop, a
 * second one a stop at once. JVM shutdown hooks can't tell the two apart (the JVM ignores a second
 * signal while it shuts down), so this uses {@code sun.misc.Signal} from {@code jdk.unsupported},
 * which every JDK 17+ ships. It is reached by reflection: javac's "proprietary API" warning on a
 * direct use cannot be suppressed, and the module compiles with {@code -Werror}. On a runtime
 * without {@code jdk.unsupported} (a jlink image without it) the CLI logs a warning and the JVM's
 * default handling applies: SIGTERM runs the shutdown hooks and exits.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
  private static final List<String> TERMINATE = List.of("TERM", "INT");

  private Signals() {}

  /** Undoes a registration. */
  interface Registration {
    Registration NONE = () -> {};

    void restore();
  }

  static Registration onTerminate(Runnable graceful, Runnable immediate) {
    return on(TERMINATE, graceful, immediate);
  }

  /**
   * The first of the named signals runs {@code first}, every later one {@code again}; visible for
   * tests.
   */
  static Registration on(List<String> names, Runnable first, Runnable again) {
    SunMiscSignal api;
    try {
      api = new SunMiscSignal();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "sun.misc.Signal unavailable ({}): SIGTERM/SIGINT exit the JVM without a graceful stop",
          e.toString());
      return Registration.NONE;
    }
    AtomicInteger count = new AtomicInteger();
    Object handler =
        api.handler(
            name -> {
              int n = count.incrementAndGet();
              Runnable action = n == 1 ? first : again;
              LOG.info(
                  "Received SIG{}: {}",
                  name,
                  n == 1
                      ? "stopping after running jobs (send again to stop now)"
                      : "stopping now, releasing running jobs");
              Thread t = new Thread(action, "queue-signal-" + n);
              t.setDaemon(true);
              t.start();
            });
    List<Runnable> restores = new ArrayList<>();
    for (String name : names) {
      try {
        Object signal = api.signal(name);
        Object previous = api.handle(signal, handler);
        restores.add(() -> api.handle(signal, previous));
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
      }
    }
    return () -> restores.forEach(Runnable::run);
  }

  /** {@code sun.misc.Signal} and {@code SignalHandler}, looked up once per registration. */
  static final class SunMiscSignal {
    private final Class<?> handlerType;
    private final java.lang.reflect.Constructor<?> newSignal;
    private final Method handle;
    private final Method getName;
    private final Method raise;

    SunMiscSignal() throws ReflectiveOperationException {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      handlerType = Class.forName("sun.misc.SignalHandler");
      newSignal = signalType.getConstructor(String.class);
      handle = signalType.getMethod("handle", signalType, handlerType);
      getName = signalType.getMethod("getName");
      raise = signalType.getMethod("raise", signalType);
    }

    Object signal(String name) {
      return call(() -> newSignal.newInstance(name));
    }

    /** Installs {@code handler} for {@code signal}; returns the handler it replaced. */
    Object handle(Object signal, Object handler) {
      return call(() -> handle.invoke(null, signal, handler));
    }

    void raise(Object signal) {
      call(() -> raise.invoke(null, signal));
    }

    /**
     * A {@code SignalHandler} that passes the signal's name (without "SIG") to {@code onSignal}.
     */
    Object handler(java.util.function.Consumer<String> onSignal) {
      InvocationHandler h =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "handle" -> {
                  onSignal.accept((String) getName.invoke(args[0]));
                  yield null;
                }
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "Signals.handler";
                default -> throw new UnsupportedOperationException(method.getName());
              };
      return Proxy.newProxyInstance(
          Signals.class.getClassLoader(), new Class<?>[] {handlerType}, h);
    }

    private interface Call {
      Object run() throws ReflectiveOperationException;
    }

    private static Object call(Call call) {
      try {
        return call.run();
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
