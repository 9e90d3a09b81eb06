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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;

/**
 * Registers a Spring application's job handlers, found among its beans, in a {@link JobRegistry}:
 *
 * <ul>
 *   <li>every {@link JobHandler} bean, under the name of its {@link QueueJob} if its class carries
 *       one (with its aliases), else under its class name (the target class's for an AOP proxy, as
 *       {@link JobRegistry#register(JobHandler)} names an unproxied handler);
 *   <li>every bean whose class carries {@link QueueJob}: its {@code fire} and {@code m} methods as
 *       {@code name} and {@code name@m};
 *   <li>every method carrying {@link QueueJob}, on any bean, under its name.
 * </ul>
 *
 * <p>Only singletons are registered. Beans behind AOP proxies ({@code @Transactional},
 * {@code @Async} handlers) are discovered through their target class and called through the proxy,
 * so the advice applies to each job; a JDK-interface proxy can only serve methods its interfaces
 * declare (use class-based proxies otherwise).
 *
 * <p>Their {@link QueueSubscriber} annotations become the registry's subscriptions ({@link
 * JobRegistry#subscribe(String, String, String, java.time.Duration)}), under the job names the
 * handlers get: per event in the order the beans are found, a bean's methods by name.
 *
 * <p>Every name and alias is checked before anything is registered: two handlers for one job name,
 * or an alias equal to another handler's name, fail start-up with an {@link IllegalStateException}
 * naming the job name and both beans; so does a name the registry already resolves, and a {@link
 * QueueSubscriber} that is invalid, declared twice, already in the registry, or on something that
 * handles no job name.
 *
 * <p>The data parameter {@code T} of a {@code @QueueJob} method, and of a {@code JobHandler} behind
 * a JDK proxy, must be a plain (non-generic) type: the registry converts the payload's data to its
 * class. A {@code JobHandler} class that is not a JDK proxy keeps generic types such as {@code
 * List<Item>}.
 */
public final class QueueJobBeans {
  private QueueJobBeans() {}

  /**
   * Finds the handler beans of {@code beans} and registers them in {@code registry}. Call once,
   * when the singletons exist (e.g. from a {@code SmartInitializingSingleton}, or after the context
   * refreshed).
   *
   * @param registry the registry the workers and producers use
   * @param beans the bean factory or application context to search
   * @throws IllegalStateException if two handlers claim one job name (or one's name is another's
   *     alias), a name is already registered, or an annotated bean or method cannot be a handler;
   *     the message names the job name and the beans. Nothing is registered then.
   */
  public static void registerAll(JobRegistry registry, ListableBeanFactory beans) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(beans, "beans");
    Plan plan = new Plan();
    SubscriberAnnotations subscriptions = new SubscriberAnnotations();
    for (String beanName : beans.getBeanNamesForType(Object.class, false, true)) {
      if (ScopedProxyUtils.isScopedTarget(beanName)) {
        continue;
      }
      Class<?> type = beans.getType(beanName);
      if (type == null) {
        continue;
      }
      Object bean = null;
      if (Proxy.isProxyClass(type)) {
        bean = beans.getBean(beanName);
        type = AopUtils.getTargetClass(bean);
      }
      Class<?> userClass = ClassUtils.getUserClass(type);
      boolean handler = JobHandler.class.isAssignableFrom(type);
      boolean candidate = AnnotationUtils.isCandidateClass(userClass, QueueJob.class);
      QueueJob onClass =
          candidate ? AnnotatedElementUtils.findMergedAnnotation(userClass, QueueJob.class) : null;
      Map<Method, QueueJob> onMethods =
          candidate
              ? MethodIntrospector.selectMethods(
                  userClass,
                  (MethodIntrospector.MetadataLookup<QueueJob>)
                      m -> AnnotatedElementUtils.findMergedAnnotation(m, QueueJob.class))
              : Map.of();
      Set<QueueSubscriber> subscribedClass = SubscriberAnnotations.onClass(userClass);
      Map<Method, Set<QueueSubscriber>> subscribedMethods =
          SubscriberAnnotations.onMethods(userClass);
      if (!handler && onClass == null && onMethods.isEmpty()) {
        if (!subscribedClass.isEmpty() || !subscribedMethods.isEmpty()) {
          throw SubscriberAnnotations.misplaced(beanName, userClass.getName());
        }
        continue;
      }
      if (bean == null) {
        bean = beans.getBean(beanName);
        userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
      }
      Bean b = new Bean(beanName, bean, userClass);
      if (bean instanceof JobHandler<?> h) {
        plan.jobHandler(b, h, onClass);
      } else if (onClass != null) {
        plan.classMethods(b, onClass, onMethods.keySet());
      }
      onMethods.forEach((m, a) -> plan.method(b, m, a));
      subscribe(subscriptions, b, handler, onClass, onMethods, subscribedClass, subscribedMethods);
    }
    plan.check(registry);
    subscriptions.check(registry);
    plan.steps.forEach(step -> step.accept(registry));
    subscriptions.apply(registry);
  }

  /**
   * Plans a bean's {@link QueueSubscriber} subscriptions under the job names its handlers are
   * registered with; methods in name order, so a bean's subscribers keep one order.
   */
  private static void subscribe(
      SubscriberAnnotations subscriptions,
      Bean b,
      boolean handler,
      QueueJob onClass,
      Map<Method, QueueJob> onMethods,
      Set<QueueSubscriber> subscribedClass,
      Map<Method, Set<QueueSubscriber>> subscribedMethods) {
    String classJob =
        handler
            ? (onClass == null ? b.userClass().getName() : onClass.name())
            : onClass == null ? null : onClass.name();
    if (!subscribedClass.isEmpty()) {
      boolean fires =
          handler
              || (onClass != null
                  && java.util.Arrays.stream(b.userClass().getMethods())
                      .anyMatch(
                          m ->
                              m.getName().equals("fire")
                                  && isHandlerMethod(m, b.userClass())
                                  && !onMethods.containsKey(m)));
      if (!fires) {
        throw SubscriberAnnotations.misplaced(
            b.name(), b.userClass().getName() + " (a class without a fire handler)");
      }
      subscriptions.add(b.name(), b.userClass().getName(), classJob, subscribedClass);
    }
    List<Method> methods = new ArrayList<>(subscribedMethods.keySet());
    methods.sort((x, y) -> x.getName().compareTo(y.getName()));
    for (Method m : methods) {
      String where = b.userClass().getName() + "." + m.getName();
      String job;
      if (onMethods.containsKey(m)) {
        job = onMethods.get(m).name();
      } else if (handler && m.getName().equals("fire")) {
        job = classJob;
      } else if (!handler && onClass != null && isHandlerMethod(m, b.userClass())) {
        job = m.getName().equals("fire") ? classJob : classJob + "@" + m.getName();
      } else {
        throw SubscriberAnnotations.misplaced(b.name(), where);
      }
      subscriptions.add(b.name(), where, job, subscribedMethods.get(m));
    }
  }

  private record Bean(String name, Object instance, Class<?> userClass) {}

  /** Who claims a name: a bean and what in it. */
  private record Claim(String beanName, String what) {
    @Override
    public String toString() {
      return "bean '" + beanName + "' (" + what + ")";
    }
  }

  private static final class Plan {
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private final List<Consumer<JobRegistry>> steps = new ArrayList<>();

    void claim(String jobName, Claim claim) {
      Claim previous = claims.putIfAbsent(jobName, claim);
      if (previous != null) {
        throw new IllegalStateException(
            "Job name '" + jobName + "' has two handlers: " + previous + " and " + claim);
      }
    }

    void check(JobRegistry registry) {
      claims.forEach(
          (jobName, claim) -> {
            if (registry.contains(jobName)) {
              throw new IllegalStateException(
                  "Job name '"
                      + jobName
                      + "' of "
                      + claim
                      + " is already registered in the JobRegistry (not by a bean)");
            }
          });
    }

    void jobHandler(Bean b, JobHandler<?> handler, QueueJob onClass) {
      String jobName = onClass == null ? b.userClass().getName() : requireName(onClass, b, null);
      claim(jobName, new Claim(b.name(), b.userClass().getName() + " implements JobHandler"));
      String[] aliases = onClass == null ? new String[0] : onClass.aliases();
      for (String alias : aliases) {
        claim(alias, new Claim(b.name(), "alias of '" + jobName + "'"));
      }
      Class<?> dataType = null;
      if (Proxy.isProxyClass(handler.getClass())) {
        ResolvableType t =
            ResolvableType.forClass(b.userClass()).as(JobHandler.class).getGeneric(0);
        dataType = plainType(t, b, b.userClass().getName() + ".fire");
      }
      Class<?> type = dataType;
      steps.add(
          r -> {
            if (type == null) {
              r.register(jobName, handler);
            } else {
              @SuppressWarnings("unchecked")
              JobHandler<Object> h = (JobHandler<Object>) handler;
              @SuppressWarnings("unchecked")
              Class<Object> c = (Class<Object>) type;
              r.register(jobName, c, h);
            }
            for (String alias : aliases) {
              r.alias(alias, jobName);
            }
          });
    }

    void classMethods(Bean b, QueueJob onClass, Set<Method> annotated) {
      String className = requireName(onClass, b, null);
      Method failed = null;
      List<Method> handlers = new ArrayList<>();
      for (Method m : b.userClass().getMethods()) {
        if (m.getName().equals("failed")
            && m.getParameterCount() == 2
            && m.getParameterTypes()[1].isAssignableFrom(Throwable.class)
            && !Modifier.isStatic(m.getModifiers())) {
          failed = invocable(m, b);
        } else if (isHandlerMethod(m, b.userClass()) && !annotated.contains(m)) {
          handlers.add(m);
        }
      }
      if (handlers.isEmpty()) {
        throw new IllegalStateException(
            "Bean '"
                + b.name()
                + "' ("
                + b.userClass().getName()
                + ") carries @QueueJob(name = \""
                + className
                + "\") but has no public method (org.thinkqueue.Job, T) or (T) to handle it");
      }
      handlers.sort((x, y) -> x.getName().compareTo(y.getName()));
      for (Method m : handlers) {
        String what = b.userClass().getName() + "." + m.getName();
        List<String> names = new ArrayList<>();
        if (m.getName().equals("fire")) {
          names.add(className);
        }
        names.add(className + "@" + m.getName());
        for (String n : names) {
          claim(n, new Claim(b.name(), what));
        }
        for (String alias : onClass.aliases()) {
          claim(
              alias + "@" + m.getName(),
              new Claim(b.name(), "alias of '" + className + "@" + m.getName() + "'"));
          if (m.getName().equals("fire")) {
            claim(alias, new Claim(b.name(), "alias of '" + className + "'"));
          }
        }
        Invoker invoker = new Invoker(b, m, failed);
        steps.add(
            r -> {
              for (String n : names) {
                invoker.register(r, n);
              }
            });
      }
      for (String alias : onClass.aliases()) {
        steps.add(r -> r.alias(alias, className));
      }
    }

    void method(Bean b, Method m, QueueJob a) {
      String what = b.userClass().getName() + "." + m.getName();
      String jobName = requireName(a, b, m);
      if (Modifier.isStatic(m.getModifiers())
          || !Modifier.isPublic(m.getModifiers())
          || dataIndex(m) < 0) {
        throw new IllegalStateException(
            "@QueueJob(name = \""
                + jobName
                + "\") on "
                + what
                + " of bean '"
                + b.name()
                + "': a handler method is public, not static, and takes (org.thinkqueue.Job, T)"
                + " or (T)");
      }
      claim(jobName, new Claim(b.name(), what));
      for (String alias : a.aliases()) {
        claim(alias, new Claim(b.name(), "alias of '" + jobName + "'"));
      }
      Invoker invoker = new Invoker(b, m, null);
      steps.add(
          r -> {
            invoker.register(r, jobName);
            for (String alias : a.aliases()) {
              r.alias(alias, jobName);
            }
          });
    }
  }

  /** Calls one handler method through the bean (its proxy, if any). */
  private static final class Invoker {
    private final Object bean;
    private final Method method;
    private final Method failed;
    private final boolean withJob;
    private final Class<?> dataType;

    Invoker(Bean b, Method m, Method failed) {
      this.bean = b.instance();
      this.method = invocable(m, b);
      this.failed = failed;
      int data = dataIndex(m);
      this.withJob = data == 1;
      this.dataType =
          plainType(
              ResolvableType.forMethodParameter(m, data, b.userClass()),
              b,
              b.userClass().getName() + "." + m.getName());
    }

    @SuppressWarnings("unchecked")
    void register(JobRegistry registry, String jobName) {
      Class<Object> type = (Class<Object>) dataType;
      if (!withJob && failed == null) {
        registry.handle(jobName, type, data -> call(method, data));
        return;
      }
      registry.register(
          jobName,
          type,
          new JobHandler<Object>() {
            @Override
            public void fire(Job job, Object data) throws Exception {
              if (withJob) {
                call(method, job, data);
              } else {
                call(method, data);
                if (!job.isDeletedOrReleased()) {
                  job.delete();
                }
              }
            }

            @Override
            public void failed(Object data, Throwable cause) {
              if (failed != null
                  && ClassUtils.isAssignableValue(failed.getParameterTypes()[0], data)) {
                try {
                  call(failed, data, cause);
                } catch (RuntimeException | Error e) {
                  throw e;
                } catch (Exception e) {
                  throw new UndeclaredThrowableException(e);
                }
              }
            }
          });
    }

    private void call(Method m, Object... args) throws Exception {
      try {
        m.invoke(bean, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
          throw ex;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new UndeclaredThrowableException(cause);
      }
    }
  }

  /** The method to call on the bean itself (its proxy's method for an AOP proxy). */
  private static Method invocable(Method m, Bean b) {
    Method target;
    try {
      target = AopUtils.selectInvocableMethod(m, b.instance().getClass());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Bean '"
              + b.name()
              + "' is a JDK proxy without "
              + b.userClass().getName()
              + "."
              + m.getName()
              + " on its interfaces: make it a class-based proxy (proxyTargetClass = true)",
          e);
    }
    ReflectionUtils.makeAccessible(target);
    return target;
  }

  /** 1 for (Job, T), 0 for (T) (T not Job), -1 otherwise. */
  private static int dataIndex(Method m) {
    Class<?>[] p = m.getParameterTypes();
    if (p.length == 2 && p[0] == Job.class && p[1] != Job.class) {
      return 1;
    }
    if (p.length == 1 && p[0] != Job.class) {
      return 0;
    }
    return -1;
  }

  private static boolean isHandlerMethod(Method m, Class<?> userClass) {
    if (Modifier.isStatic(m.getModifiers())
        || m.isBridge()
        || m.isSynthetic()
        || dataIndex(m) < 0
        || isFramework(m.getDeclaringClass())) {
      return false;
    }
    String n = m.getName();
    if (m.getParameterCount() == 1
        && n.length() > 3
        && n.startsWith("set")
        && Character.isUpperCase(n.charAt(3))) {
      return false;
    }
    // An override of Object's (equals(Object) has a handler's shape; every record overrides it).
    if (ClassUtils.hasMethod(Object.class, n, m.getParameterTypes())) {
      return false;
    }
    // A callback of a framework interface the class implements (BeanNameAware.setBeanName, ...).
    for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
      if (isFramework(i) && ClassUtils.hasMethod(i, n, m.getParameterTypes())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFramework(Class<?> c) {
    String n = c.getName();
    return n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jakarta.")
        || n.startsWith("kotlin.")
        || n.startsWith("org.springframework.");
  }

  private static Class<?> plainType(ResolvableType t, Bean b, String where) {
    Class<?> c = t.resolve(Object.class);
    if (t.hasGenerics()) {
      throw new IllegalStateException(
          "Bean '"
              + b.name()
              + "': the data type "
              + t
              + " of "
              + where
              + " is generic; a handler method's data is converted to a class: take a class or"
              + " record holding it (or "
              + c.getSimpleName()
              + " of JsonNode)");
    }
    return c;
  }

  private static String requireName(QueueJob a, Bean b, Method m) {
    String name = a.name();
    if (name == null || name.isBlank()) {
      throw new IllegalStateException(
          "@QueueJob on "
              + b.userClass().getName()
              + (m == null ? "" : "." + m.getName())
              + " of bean '"
              + b.name()
              + "' needs a job name: @QueueJob(name = \"...\")");
    }
    for (String alias : a.aliases()) {
      if (alias == null || alias.isBlank()) {
        throw new IllegalStateException(
            "@QueueJob(name = \"" + name + "\") of bean '" + b.name() + "' has a blank alias");
      }
    }
    return name;
  }
}
