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
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a Spring bean, or one of its methods, as the handler of a think-queue job name. {@link
 * QueueJobBeans#registerAll} finds these beans and registers them in a {@link
 * org.thinkqueue.JobRegistry}.
 *
 * <p><b>On a class</b> ({@code @QueueJob(name = "UserRegisterJob")}), think-queue's {@code
 * Class@method} naming:
 *
 * <ul>
 *   <li>a public method {@code fire(Job, T)} or {@code fire(T)} handles {@code UserRegisterJob}
 *       (and {@code UserRegisterJob@fire});
 *   <li>every other public method {@code m(Job, T)} or {@code m(T)} handles {@code
 *       UserRegisterJob@m};
 *   <li>a public method {@code failed(T, Throwable)} is called when any of them fails for good.
 * </ul>
 *
 * Not handlers: static methods, methods declared by {@code java.*} or {@code org.springframework.*}
 * types (e.g. {@code setBeanName} of {@code BeanNameAware}), JavaBean setters ({@code setX(T)}),
 * and methods carrying their own {@code @QueueJob} (registered under their own name instead). If
 * the class implements {@link org.thinkqueue.JobHandler}, only its {@code fire} is registered,
 * under {@code name}.
 *
 * <p><b>On a method</b> of any bean: that method, {@code (Job, T)} or {@code (T)}, handles exactly
 * {@code name}.
 *
 * <p>A {@code (Job, T)} method decides the job's fate, as {@link org.thinkqueue.JobHandler#fire}
 * does ({@code job.delete()}, {@code job.release(...)}); a {@code (T)} method is the simple style
 * of {@link org.thinkqueue.DataHandler}: returning deletes the job, throwing releases it with the
 * worker's back-off.
 *
 * <p><b>Aliases</b> are the names PHP producers use (the PHP class, {@code
 * common\job\UserRegisterJob}). On a class, an alias stands for the class part, so it covers every
 * name the class produces: {@code common\job\UserRegisterJob} resolves to {@code UserRegisterJob},
 * {@code common\job\UserRegisterJob@send} to {@code UserRegisterJob@send}. On a method, an alias
 * stands for that method's name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface QueueJob {
  /**
   * The job name payloads carry; same as {@link #name()}.
   *
   * @return the job name
   */
  @AliasFor("name")
  String value() default "";

  /**
   * The job name payloads carry ({@code UserRegisterJob}); on a class, the class part of its {@code
   * name@method} names. Required (here or in {@link #value()}).
   *
   * @return the job name
   */
  @AliasFor("value")
  String name() default "";

  /**
   * Other names that resolve to this handler, typically the PHP class name producers use ({@code
   * common\job\UserRegisterJob}).
   *
   * @return the aliases, none by default
   */
  String[] aliases() default {};
}
