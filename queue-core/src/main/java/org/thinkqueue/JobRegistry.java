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

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.thinkqueue.internal.PayloadCodec;

/**
 * The only way a job name becomes code: a payload's {@code job} field is looked up here, never
 * loaded as a class.
 *
 * <p>Three ways to register:
 *
 * <ul>
 *   <li>{@link #register(String, JobHandler)}: a {@link JobHandler} under a name; {@link
 *       #register(JobHandler)} uses its class name.
 *   <li>{@link #registerMethods(String, Object)}: every public method {@code (Job, T)} of an object
 *       becomes {@code Name@method}, as think-queue's {@code Class@method} names; a method {@code
 *       fire} also answers to plain {@code Name}.
 *   <li>{@link #handle(String, Class, DataHandler)}: the simple style, deleted when it returns.
 * </ul>
 *
 * Each way has an overload taking a {@link JobPolicy}: the handler's tries, timeout, back-off,
 * retry window, exception limit, fail-fast exceptions and middleware. Without one, a {@link
 * JobHandler}'s own {@link JobHandler#policy()} applies (read once, at registration), else the
 * worker's settings. A payload's {@code maxTries}, {@code timeout} or {@code timeoutAt} overrides
 * the policy.
 *
 * <p>{@link #alias(String, String)} maps PHP names ({@code common\job\UserRegisterJob}) to
 * registered ones, for a whole class or for one {@code Class@method}.
 *
 * <p>{@link #subscribe(String, String, String)} declares which jobs an event fans out to: {@link
 * QueueConnection#publish(String, Object)} writes one job per subscriber, all or none.
 *
 * <p>Thread-safe; registration may happen while workers run.
 */
public final class JobRegistry {
  private final PayloadCodec codec;
  private final TypeFactory types;
  private final Map<String, RegisteredJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<Class<?>, String> namesByClass = new ConcurrentHashMap<>();
  private final Subscriptions subscriptions = new Subscriptions();

  /**
   * A registry converting data with this library's default mapper ({@link #defaultObjectMapper()}).
   */
  public JobRegistry() {
    this(PayloadCodec.shared());
  }

  /**
   * A registry converting data with the caller's mapper. Start from {@link #defaultObjectMapper()}
   * to keep the settings PHP payloads need (unknown properties ignored, {@code []} read as an empty
   * object).
   *
   * @param mapper the mapper; not changed, and not to be changed after this call
   * @throws ConfigurationException if the mapper has default typing enabled
   */
  public JobRegistry(ObjectMapper mapper) {
    this(PayloadCodec.create(mapper));
  }

  private JobRegistry(PayloadCodec codec) {
    this.codec = codec;
    this.types = codec.mapper().getTypeFactory();
  }

  /**
   * Reads a think-queue payload with this registry's {@link ObjectMapper}, so the parser settings
   * given to {@link #JobRegistry(ObjectMapper)} (e.g. raised string-length limits) apply to the
   * payload as they do to its data. What the worker and the sync connector read jobs with.
   *
   * @param raw the payload as stored
   * @return the decoded payload
   * @throws PayloadException if the text is not a JSON object with a non-blank string {@code job};
   *     the message describes the structure only, never the content
   */
  public Payload readPayload(String raw) {
    return new Payload(raw, codec.readPayloadTree(raw));
  }

  /** The codec for the producer API of this package. */
  PayloadCodec payloadCodec() {
    return codec;
  }

  /**
   * A new {@link ObjectMapper} set up as this library's default one (the one {@link #JobRegistry()}
   * uses), for an application that wants to add modules or settings and pass it to {@link
   * #JobRegistry(ObjectMapper)}.
   *
   * @return a new mapper the caller owns
   */
  public static ObjectMapper defaultObjectMapper() {
    return PayloadCodec.newObjectMapper();
  }

  /**
   * Registers a handler under its class name ({@code getClass().getName()}).
   *
   * @param <T> the data type, from the handler class's type argument
   * @param handler the handler
   * @return this registry
   * @throws IllegalArgumentException if the name is taken
   */
  public <T> JobRegistry register(JobHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return register(handler.getClass().getName(), handler);
  }

  /**
   * Registers a handler under {@code name}; {@code T} comes from the handler class's type argument
   * ({@code Object} when it cannot be resolved, as for a lambda: then use {@link #register(String,
   * Class, JobHandler)}).
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param handler the handler
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry register(String name, JobHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return register(name, handler, handler.policy());
  }

  /**
   * {@link #register(String, JobHandler)} with a policy that replaces the handler's own {@link
   * JobHandler#policy()}.
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param handler the handler
   * @param policy how the worker retries its jobs
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry register(String name, JobHandler<T> handler, JobPolicy policy) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(policy, "policy");
    JavaType[] params =
        types.constructType(handler.getClass()).findTypeParameters(JobHandler.class);
    JavaType type =
        params != null && params.length == 1 ? params[0] : types.constructType(Object.class);
    return register(name, type, handler, policy);
  }

  /**
   * Registers a handler under {@code name} with an explicit data type (for lambdas).
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param dataType the class the data is converted to
   * @param handler the handler
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry register(String name, Class<T> dataType, JobHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return register(name, dataType, handler, handler.policy());
  }

  /**
   * {@link #register(String, Class, JobHandler)} with a policy that replaces the handler's own
   * {@link JobHandler#policy()}.
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param dataType the class the data is converted to
   * @param handler the handler
   * @param policy how the worker retries its jobs
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry register(
      String name, Class<T> dataType, JobHandler<T> handler, JobPolicy policy) {
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(policy, "policy");
    return register(name, types.constructType(dataType), handler, policy);
  }

  @SuppressWarnings("unchecked")
  private JobRegistry register(
      String name, JavaType type, JobHandler<?> handler, JobPolicy policy) {
    JobHandler<Object> h = (JobHandler<Object>) handler;
    add(
        name,
        type,
        new RegisteredJob.Invoker() {
          @Override
          public void fire(Job job, Object data) throws Exception {
            h.fire(job, data);
          }

          @Override
          public void failed(Object data, Throwable cause) {
            h.failed(data, cause);
          }
        },
        false,
        policy);
    namesByClass.putIfAbsent(handler.getClass(), name);
    return this;
  }

  /**
   * The simple style: {@code fn} gets the data; returning deletes the job, throwing releases it
   * with the worker's back-off (failed after max tries).
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param dataType the class the data is converted to
   * @param fn the handler
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry handle(String name, Class<T> dataType, DataHandler<T> fn) {
    return handle(name, dataType, fn, JobPolicy.WORKER_DEFAULTS);
  }

  /**
   * {@link #handle(String, Class, DataHandler)} with a policy: how the worker retries its jobs.
   *
   * @param <T> the data type
   * @param name the job name payloads carry
   * @param dataType the class the data is converted to
   * @param fn the handler
   * @param policy how the worker retries its jobs
   * @return this registry
   * @throws IllegalArgumentException if the name is blank or taken
   */
  public <T> JobRegistry handle(
      String name, Class<T> dataType, DataHandler<T> fn, JobPolicy policy) {
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(policy, "policy");
    @SuppressWarnings("unchecked")
    DataHandler<Object> f = (DataHandler<Object>) fn;
    add(
        name,
        types.constructType(dataType),
        new RegisteredJob.Invoker() {
          @Override
          public void fire(Job job, Object data) throws Exception {
            f.handle(data);
          }

          @Override
          public void failed(Object data, Throwable cause) {}
        },
        true,
        policy);
    return this;
  }

  /**
   * {@link #registerMethods(String, Object)} under the object's class name.
   *
   * @param instance the object whose methods handle jobs
   * @return this registry
   * @throws IllegalArgumentException if the object has no such method or a name is taken
   */
  public JobRegistry registerMethods(Object instance) {
    Objects.requireNonNull(instance, "instance");
    return registerMethods(instance.getClass().getName(), instance);
  }

  /**
   * Registers each public method {@code m(Job, T)} of {@code instance} as {@code className@m}
   * (think-queue's {@code Class@method}); a method named {@code fire} also answers to {@code
   * className}. A public method {@code failed(T, Throwable)} is called when any of them fails for
   * good.
   *
   * @param className the class part of the job names, as PHP's {@code Class} in {@code
   *     Class@method}
   * @param instance the object whose methods handle jobs; its class must be public
   * @return this registry
   * @throws IllegalArgumentException if the object has no such method or a name is taken
   */
  public JobRegistry registerMethods(String className, Object instance) {
    Objects.requireNonNull(instance, "instance");
    return registerMethods(
        className,
        instance,
        instance instanceof JobHandler<?> h ? h.policy() : JobPolicy.WORKER_DEFAULTS);
  }

  /**
   * {@link #registerMethods(String, Object)} with one policy for every method it registers (an
   * object that is also a {@link JobHandler} otherwise uses its own {@link JobHandler#policy()}).
   *
   * @param className the class part of the job names, as PHP's {@code Class} in {@code
   *     Class@method}
   * @param instance the object whose methods handle jobs; its class must be public
   * @param policy how the worker retries their jobs
   * @return this registry
   * @throws IllegalArgumentException if the object has no such method or a name is taken
   */
  public JobRegistry registerMethods(String className, Object instance, JobPolicy policy) {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(policy, "policy");
    requireName(className);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Method failedMethod = null;
    for (Method m : instance.getClass().getMethods()) {
      if (m.getName().equals("failed")
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1].isAssignableFrom(Throwable.class)) {
        failedMethod = m;
      }
    }
    MethodHandle failed =
        failedMethod == null ? null : bind(lookup, failedMethod, instance, Throwable.class);
    List<Method> jobMethods = new ArrayList<>();
    for (Method m : instance.getClass().getMethods()) {
      // Bridge methods: a class implementing JobHandler<Foo> also has a synthetic fire(Job,
      // Object).
      if (Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() != 2
          || m.getParameterTypes()[0] != Job.class
          || m.getDeclaringClass() == Object.class
          || m.isBridge()
          || m.isSynthetic()) {
        continue;
      }
      jobMethods.add(m);
    }
    // Check every name first so a clash registers none of them, not the methods that happened to
    // come first.
    for (Method m : jobMethods) {
      String taken =
          jobs.containsKey(className + "@" + m.getName())
              ? className + "@" + m.getName()
              : m.getName().equals("fire") && jobs.containsKey(className) ? className : null;
      if (taken != null) {
        throw new IllegalArgumentException("Job name '" + taken + "' is already registered");
      }
    }
    int found = 0;
    for (Method m : jobMethods) {
      MethodHandle fire = bind(lookup, m, instance, Job.class);
      RegisteredJob.Invoker invoker =
          new RegisteredJob.Invoker() {
            @Override
            public void fire(Job job, Object data) throws Exception {
              invokeFire(fire, job, data);
            }

            @Override
            public void failed(Object data, Throwable cause) throws Exception {
              if (failed != null) {
                invokeFailed(failed, data, cause);
              }
            }
          };
      JavaType type = types.constructType(m.getGenericParameterTypes()[1]);
      add(className + "@" + m.getName(), type, invoker, false, policy);
      if (m.getName().equals("fire")) {
        add(className, type, invoker, false, policy);
      }
      found++;
    }
    if (found == 0) {
      throw new IllegalArgumentException(
          instance.getClass().getName()
              + " has no public method (org.thinkqueue.Job, T) to register as "
              + className
              + "@method");
    }
    namesByClass.putIfAbsent(instance.getClass(), className);
    return this;
  }

  /**
   * Maps {@code alias} to {@code target}. Either both are full job names ({@code
   * common\job\UserRegisterJob@send} to {@code UserRegisterJob@send}) or both are class parts
   * ({@code common\job\UserRegisterJob} to {@code UserRegisterJob}), which then covers every
   * {@code @method}.
   *
   * @param alias the name payloads carry (a PHP class name)
   * @param target the registered name it stands for
   * @return this registry
   * @throws IllegalArgumentException if a name is blank or the alias already maps elsewhere
   */
  public JobRegistry alias(String alias, String target) {
    requireName(alias);
    requireName(target);
    String previous = aliases.putIfAbsent(alias, target);
    if (previous != null && !previous.equals(target)) {
      throw new IllegalArgumentException(
          "Alias '" + alias + "' already maps to '" + previous + "'");
    }
    return this;
  }

  /**
   * Resolves a payload's job name: registered names first, then aliases (whole name, then class
   * part).
   *
   * @param name the job name, possibly {@code null}
   * @return the handler binding, or empty
   */
  public Optional<RegisteredJob> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    RegisteredJob job = jobs.get(name);
    if (job != null) {
      return Optional.of(job);
    }
    String target = aliases.get(name);
    if (target != null && (job = jobs.get(target)) != null) {
      return Optional.of(job);
    }
    int at = name.lastIndexOf('@');
    if (at > 0) {
      String cls = name.substring(0, at);
      String method = name.substring(at + 1);
      String clsTarget = aliases.get(cls);
      if (clsTarget != null && (job = jobs.get(clsTarget + "@" + method)) != null) {
        return Optional.of(job);
      }
      if (method.equals("fire")) {
        return find(cls);
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves a name or fails.
   *
   * @param name the job name
   * @return the handler binding
   * @throws UnknownJobException if nothing is registered under the name nor an alias of it
   */
  public RegisteredJob resolve(String name) {
    return find(name).orElseThrow(() -> new UnknownJobException(name));
  }

  /**
   * The name a handler class was registered under, for {@code push(Class, ...)}.
   *
   * @param handlerClass the handler's class
   * @return the first name it was registered under
   * @throws UnknownJobException if the class was not registered
   */
  public String nameOf(Class<?> handlerClass) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    String name = namesByClass.get(handlerClass);
    if (name == null) {
      throw new UnknownJobException(handlerClass.getName());
    }
    return name;
  }

  /**
   * The names handlers are registered under, aliases not included.
   *
   * @return a snapshot, sorted
   */
  public java.util.SortedSet<String> names() {
    return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(jobs.keySet()));
  }

  /**
   * Whether a name resolves, as {@link #find(String)}.
   *
   * @param name the job name
   * @return true if a handler answers to it
   */
  public boolean contains(String name) {
    return find(name).isPresent();
  }

  /**
   * Subscribes a job to an event: {@link QueueConnection#publish(String, Object)} of {@code event}
   * pushes a job named {@code job} to {@code queue} with the event's data, in one atomic write with
   * the event's other subscribers' jobs. The job name needs no handler in this registry (a producer
   * declares subscriptions only; the workers of {@code queue} register the handler, with its own
   * tries and back-off), and publishing does not check it.
   *
   * @param event the event name, e.g. {@code user.registered}
   * @param job the job name the subscriber's payload carries, as for a push
   * @param queue the queue its jobs go to, or {@code null} for the publishing connection's default
   *     queue
   * @return this registry
   * @throws IllegalArgumentException if the event or job name is {@code null} or blank, or the job
   *     already subscribes to the event on that queue
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   */
  public JobRegistry subscribe(String event, String job, String queue) {
    return subscribe(event, job, queue, Duration.ZERO);
  }

  /**
   * {@link #subscribe(String, String, String)} with the subscriber's jobs due {@code delay} after
   * each publish (the seed's welcome e-mail waits 5 s: its mailer cannot take bursts).
   *
   * @param event the event name, e.g. {@code user.registered}
   * @param job the job name the subscriber's payload carries, as for a push
   * @param queue the queue its jobs go to, or {@code null} for the publishing connection's default
   *     queue
   * @param delay time from the publish until the job is due, {@link Duration#ZERO} or more
   * @return this registry
   * @throws IllegalArgumentException if the event or job name is {@code null} or blank, or the job
   *     already subscribes to the event on that queue
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   */
  public JobRegistry subscribe(String event, String job, String queue, Duration delay) {
    subscriptions.add(event, job, queue, delay);
    return this;
  }

  /**
   * The subscribers of an event, in the order they subscribed: the order of the ids {@link
   * QueueConnection#publish(String, Object)} returns.
   *
   * @param event the event name
   * @return an immutable snapshot, empty if nothing subscribes to the event
   * @throws IllegalArgumentException if the event name is {@code null} or blank
   */
  public List<Subscription> subscriptions(String event) {
    Subscriptions.requireEvent(event);
    return subscriptions.of(event);
  }

  /**
   * Every subscription, by event.
   *
   * @return an immutable snapshot, sorted by event name; each event's subscribers in the order they
   *     subscribed
   */
  public java.util.SortedMap<String, List<Subscription>> subscriptions() {
    return subscriptions.all();
  }

  private void add(
      String name,
      JavaType type,
      RegisteredJob.Invoker invoker,
      boolean deleteOnReturn,
      JobPolicy policy) {
    requireName(name);
    RegisteredJob previous =
        jobs.putIfAbsent(
            name, new RegisteredJob(name, type, codec, invoker, deleteOnReturn, policy));
    if (previous != null) {
      throw new IllegalArgumentException("Job name '" + name + "' is already registered");
    }
  }

  static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Job name must not be null or blank, was " + (name == null ? "null" : "'" + name + "'"));
    }
  }

  private static MethodHandle bind(
      MethodHandles.Lookup lookup, Method m, Object target, Class<?> second) {
    try {
      MethodHandle h = lookup.unreflect(m).bindTo(target);
      return second == Job.class
          ? h.asType(MethodType.methodType(void.class, Job.class, Object.class))
          : h.asType(MethodType.methodType(void.class, Object.class, Throwable.class));
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("Cannot access " + m + ": the class must be public", e);
    }
  }

  private static void invokeFire(MethodHandle h, Job job, Object data) throws Exception {
    try {
      h.invokeExact(job, data);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new UndeclaredThrowableException(t);
    }
  }

  private static void invokeFailed(MethodHandle h, Object data, Throwable cause) throws Exception {
    try {
      h.invokeExact(data, cause);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new UndeclaredThrowableException(t);
    }
  }
}
