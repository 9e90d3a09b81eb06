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
import java.util.Collection;
import java.util.List;

/**
 * The static facade, as think-queue's {@code Queue::push(...)}: every call delegates to the {@link
 * QueueManager} installed with {@link #use(QueueManager)}. Prefer injecting the manager where you
 * can; the facade is for code ported from PHP and for places without dependency injection.
 * Thread-safe.
 *
 * <p>Each producer method does what the {@link Producer} method of the same name does on the
 * installed manager's default connection, and throws the same exceptions, listed here for each.
 */
public final class Queue {
  private static volatile QueueManager manager;

  private Queue() {}

  /**
   * Installs the manager the static methods delegate to, replacing any installed before. Call once
   * at startup; safe from any thread (the field is volatile).
   *
   * @param queues the manager
   * @throws IllegalArgumentException if {@code queues} is {@code null}
   */
  public static void use(QueueManager queues) {
    if (queues == null) {
      throw new IllegalArgumentException("Queue.use(null): pass a QueueManager");
    }
    manager = queues;
  }

  /**
   * The installed manager.
   *
   * @return the manager
   * @throws IllegalStateException if {@link #use(QueueManager)} was not called
   */
  public static QueueManager manager() {
    QueueManager m = manager;
    if (m == null) {
      throw new IllegalStateException(
          "No QueueManager installed: call Queue.use(manager) at startup");
    }
    return m;
  }

  /**
   * A connection by name: think-queue's {@code Queue::connection($name)}.
   *
   * @param name the connection's name, or {@code null} for the default connection
   * @return the connection
   * @throws ConfigurationException if the manager has no connection of that name
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static QueueConnection connection(String name) {
    return manager().connection(name);
  }

  /**
   * Pushes a job on the default queue, available now: think-queue's {@code push($job, $data)}.
   * Delegates to the installed {@link QueueManager}.
   *
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String push(String job, Object data) {
    return manager().push(job, data);
  }

  /**
   * Pushes a job, available now: think-queue's {@code push($job, $data, $queue)}. Delegates to the
   * installed {@link QueueManager}.
   *
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String push(String job, Object data, String queue) {
    return manager().push(job, data, queue);
  }

  /**
   * Pushes a job with per-job options, available now. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @param options per-job max tries and timeout (3.x wire format)
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String push(String job, Object data, String queue, JobOptions options) {
    return manager().push(job, data, queue, options);
  }

  /**
   * Pushes a job by handler class on the default queue, available now. Delegates to the installed
   * {@link QueueManager}.
   *
   * @param job the handler class; the name it was registered under is written
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws UnknownJobException if the class was not registered
   * @throws IllegalArgumentException if the class is {@code null}
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String push(Class<?> job, Object data) {
    return manager().push(job, data);
  }

  /**
   * Pushes a job by handler class, available now. Delegates to the installed {@link QueueManager}.
   *
   * @param job the handler class; the name it was registered under is written
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnknownJobException if the class was not registered
   * @throws IllegalArgumentException if the class is {@code null}
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String push(Class<?> job, Object data, String queue) {
    return manager().push(job, data, queue);
  }

  /**
   * Pushes a job, available now: think-queue's {@code pushOn($queue, $job, $data)}. Delegates to
   * the installed {@link QueueManager}.
   *
   * @param queue the queue name, or {@code null} for the default queue
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String pushOn(String queue, String job, Object data) {
    return manager().pushOn(queue, job, data);
  }

  /**
   * Pushes a job on the default queue, due after a delay: think-queue's {@code later($delay, $job,
   * $data)}. Delegates to the installed {@link QueueManager}.
   *
   * @param delaySeconds seconds until the job is due, 0 or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(long delaySeconds, String job, Object data) {
    return manager().later(delaySeconds, job, data);
  }

  /**
   * Pushes a job due after a delay: think-queue's {@code later($delay, $job, $data, $queue)}.
   * Delegates to the installed {@link QueueManager}.
   *
   * @param delaySeconds seconds until the job is due, 0 or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(long delaySeconds, String job, Object data, String queue) {
    return manager().later(delaySeconds, job, data, queue);
  }

  /**
   * Pushes a job on the default queue, due after a delay. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(Duration delay, String job, Object data) {
    return manager().later(delay, job, data);
  }

  /**
   * Pushes a job due after a delay. Delegates to the installed {@link QueueManager}.
   *
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(Duration delay, String job, Object data, String queue) {
    return manager().later(delay, job, data, queue);
  }

  /**
   * Pushes a job with per-job options, due after a delay. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @param options per-job max tries and timeout (3.x wire format)
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(
      Duration delay, String job, Object data, String queue, JobOptions options) {
    return manager().later(delay, job, data, queue, options);
  }

  /**
   * Pushes a job by handler class, due after a delay. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param delaySeconds seconds until the job is due, 0 or more
   * @param job the handler class; the name it was registered under is written
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnknownJobException if the class was not registered
   * @throws IllegalArgumentException if the class is {@code null}
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(long delaySeconds, Class<?> job, Object data, String queue) {
    return manager().later(delaySeconds, job, data, queue);
  }

  /**
   * Pushes a job by handler class, due after a delay. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the handler class; the name it was registered under is written
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnknownJobException if the class was not registered
   * @throws IllegalArgumentException if the class is {@code null}
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String later(Duration delay, Class<?> job, Object data, String queue) {
    return manager().later(delay, job, data, queue);
  }

  /**
   * Pushes a job due after a delay: think-queue's {@code laterOn($queue, $delay, $job, $data)}.
   * Delegates to the installed {@link QueueManager}.
   *
   * @param queue the queue name, or {@code null} for the default queue
   * @param delaySeconds seconds until the job is due, 0 or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String laterOn(String queue, long delaySeconds, String job, Object data) {
    return manager().laterOn(queue, delaySeconds, job, data);
  }

  /**
   * Pushes a job due after a delay, with the queue first as in think-queue's {@code laterOn}.
   * Delegates to the installed {@link QueueManager}.
   *
   * @param queue the queue name, or {@code null} for the default queue
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @return the job id
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws InvalidDelayException if the delay is {@code null}, negative or due after {@link
   *     QueueConnection#LATEST_DUE_TIME}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static String laterOn(String queue, Duration delay, String job, Object data) {
    return manager().laterOn(queue, delay, job, data);
  }

  /**
   * Pushes one job per data item, all available now, in as few round trips as the driver allows.
   * Every item is validated before any is written. Delegates to the installed {@link QueueManager}.
   *
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param dataItems one data value per job
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job ids, in the order of the items
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static List<String> bulk(String job, Collection<?> dataItems, String queue) {
    return manager().bulk(job, dataItems, queue);
  }

  /**
   * Pushes several jobs with the same data, all available now: think-queue's {@code bulk($jobs,
   * $data, $queue)}. Every job is validated before any is written. Delegates to the installed
   * {@link QueueManager}.
   *
   * @param jobs the job names, one job each, all with the same data
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job ids, in the order of the names
   * @throws IllegalArgumentException if the job name is {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static List<String> bulk(List<String> jobs, Object data, String queue) {
    return manager().bulk(jobs, data, queue);
  }

  /**
   * Publishes an event on the installed {@link QueueManager}'s default connection: one job per
   * subscriber declared in the {@link JobRegistry} ({@link JobRegistry#subscribe(String, String,
   * String)}), each the subscriber's job name with {@code data} on the subscriber's queue, written
   * all or none (one script on Redis, one transaction on JDBC, one lock in memory). Each job is a
   * plain think-queue job, as a push of that name and data to that queue would write; push
   * listeners see each. The job names are not checked against handlers: the workers of each queue
   * run them.
   *
   * @param event the event name, as subscribed in the {@link JobRegistry}
   * @param data the event's data, every subscriber's job data, written with Jackson ({@link
   *     RawJson} as is; {@code null} as JSON {@code null})
   * @return the job ids, one per subscriber, in the order they subscribed
   * @throws IllegalArgumentException if the event name is {@code null} or blank
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws ConfigurationException if nothing subscribes to the event (a typo, or subscriptions
   *     missing from this process's registry), if the driver cannot write several jobs all or none
   *     ({@link QueueConnection#supportsAtomicPush()}), or, on a Redis Cluster, if the subscribers'
   *     queues hash to different slots; the message names the event, the driver or the queues
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if a subscriber's payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)}); nothing is written
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write; nothing is written
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static List<String> publish(String event, Object data) {
    return manager().publish(event, data);
  }

  /**
   * Counts the jobs of a queue: ready, delayed and reserved. Delegates to the installed {@link
   * QueueManager}.
   *
   * @param queue the queue name, or {@code null} for the default queue
   * @return the counts
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws ConnectionException if the store cannot be reached
   * @throws IllegalStateException if no manager was installed with {@link #use(QueueManager)}
   */
  public static QueueSize size(String queue) {
    return manager().size(queue);
  }
}
