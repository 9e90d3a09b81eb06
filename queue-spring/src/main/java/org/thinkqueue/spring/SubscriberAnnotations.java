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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueException;
import org.thinkqueue.Subscription;

/**
 * The {@link QueueSubscriber} subscriptions of an application's handler beans, collected and
 * checked before any is declared: each is validated as {@link JobRegistry#subscribe} would (on a
 * scratch registry, which also catches one subscription declared twice) and against the target
 * registry's own, so a bad one stops the start with nothing declared.
 */
final class SubscriberAnnotations {
  private record Planned(String beanName, String where, Subscription subscription) {}

  private final JobRegistry scratch = new JobRegistry();
  private final List<Planned> planned = new ArrayList<>();

  /** The subscriptions on a class itself. */
  static Set<QueueSubscriber> onClass(Class<?> userClass) {
    return AnnotationUtils.isCandidateClass(userClass, QueueSubscriber.class)
        ? AnnotatedElementUtils.findMergedRepeatableAnnotations(userClass, QueueSubscriber.class)
        : Set.of();
  }

  /** The subscriptions on a class's methods, by method. */
  static Map<Method, Set<QueueSubscriber>> onMethods(Class<?> userClass) {
    if (!AnnotationUtils.isCandidateClass(userClass, QueueSubscriber.class)) {
      return Map.of();
    }
    return MethodIntrospector.selectMethods(
        userClass,
        (MethodIntrospector.MetadataLookup<Set<QueueSubscriber>>)
            m -> {
              Set<QueueSubscriber> s =
                  AnnotatedElementUtils.findMergedRepeatableAnnotations(m, QueueSubscriber.class);
              return s.isEmpty() ? null : s;
            });
  }

  /** A subscription on something that handles no job name. */
  static IllegalStateException misplaced(String beanName, String where) {
    return new IllegalStateException(
        "@QueueSubscriber on "
            + where
            + " of bean '"
            + beanName
            + "': it subscribes a job handler, so it goes on a @QueueJob class (handled by its fire"
            + " method or as a JobHandler), a @QueueJob method, or a handler method of a @QueueJob"
            + " class");
  }

  /** Plans {@code job}'s subscriptions, declared on {@code where} of a bean. */
  void add(String beanName, String where, String job, Set<QueueSubscriber> subscriptions) {
    for (QueueSubscriber a : subscriptions) {
      String queue = a.queue().isEmpty() ? null : a.queue();
      try {
        if (a.delaySeconds() < 0) {
          throw new IllegalArgumentException(
              "delaySeconds must be 0 or more, was " + a.delaySeconds());
        }
        Duration delay = Duration.ofSeconds(a.delaySeconds());
        scratch.subscribe(a.event(), job, queue, delay);
        planned.add(new Planned(beanName, where, new Subscription(a.event(), job, queue, delay)));
      } catch (IllegalArgumentException | QueueException e) {
        throw new IllegalStateException(
            "@QueueSubscriber(event = \""
                + a.event()
                + "\") on "
                + where
                + " of bean '"
                + beanName
                + "': "
                + e.getMessage(),
            e);
      }
    }
  }

  /** Refuses a subscription the registry already has. */
  void check(JobRegistry registry) {
    for (Planned p : planned) {
      Subscription s = p.subscription();
      for (Subscription existing : registry.subscriptions(s.event())) {
        if (existing.job().equals(s.job())
            && java.util.Objects.equals(existing.queue(), s.queue())) {
          throw new IllegalStateException(
              "@QueueSubscriber on "
                  + p.where()
                  + " of bean '"
                  + p.beanName()
                  + "': "
                  + existing
                  + " is already declared in the JobRegistry (not by a bean)");
        }
      }
    }
  }

  /** Declares every planned subscription, in the order found. */
  void apply(JobRegistry registry) {
    for (Planned p : planned) {
      Subscription s = p.subscription();
      registry.subscribe(s.event(), s.job(), s.queue(), s.delay());
    }
  }
}
