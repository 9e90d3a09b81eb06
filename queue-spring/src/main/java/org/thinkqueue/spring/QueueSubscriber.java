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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a job handler to an event: publishing the event ({@link
 * org.thinkqueue.QueueConnection#publish(String, Object)}) pushes the handler's job, with the
 * event's data, to {@link #queue()}, in one atomic write with the event's other subscribers' jobs.
 * {@link QueueJobBeans#registerAll} declares it in the {@link org.thinkqueue.JobRegistry} ({@link
 * org.thinkqueue.JobRegistry#subscribe(String, String, String, java.time.Duration)}) with the
 * handler's job name:
 *
 * <ul>
 *   <li>on a method carrying {@link QueueJob}: that method's name;
 *   <li>on a handler method of a {@code @QueueJob(name = "UserRegisterJob")} class: {@code
 *       UserRegisterJob@method} ({@code UserRegisterJob} for {@code fire});
 *   <li>on a {@code @QueueJob} class: its name, handled by its {@code fire} method (or by the
 *       class, if it is a {@link org.thinkqueue.JobHandler}).
 * </ul>
 *
 * Anywhere else it stops the start with an {@link IllegalStateException} naming the bean. Repeat it
 * to subscribe one handler to several events, or to one event on several queues.
 *
 * <pre>{@code
 * @Component
 * @QueueJob(name = "UserRegisterJob")
 * public class UserRegisterJob {
 *   @QueueSubscriber(event = "user.registered", queue = "user_register_email", delaySeconds = 5)
 *   public void sendWelcomeEmail(NewUser user) { ... }
 *
 *   @QueueSubscriber(event = "user.registered", queue = "user_register_workman_message")
 *   public void sendWorkmanMessage(NewUser user) { ... }
 * }
 *
 * queues.publish("user.registered", user);   // both jobs, or neither
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(QueueSubscribers.class)
public @interface QueueSubscriber {
  /**
   * The event name, e.g. {@code user.registered}.
   *
   * @return the event
   */
  String event();

  /**
   * The queue the handler's jobs go to; empty (the default) for the publishing connection's default
   * queue.
   *
   * @return the queue name, or empty
   */
  String queue() default "";

  /**
   * Seconds from the publish until the handler's job is due; 0 (the default) for at once.
   *
   * @return the delay in seconds, 0 or more
   */
  long delaySeconds() default 0;
}
