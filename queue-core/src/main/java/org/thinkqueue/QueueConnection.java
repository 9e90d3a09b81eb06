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

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.internal.QueueNames;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.TransactionalPush;

/**
 * The producer API on one named connection: think-queue's {@code Queue::connection('redis')}. Every
 * call validates its input before anything is written: a blank job name, a bad queue name, a
 * negative delay, an unknown job (when the manager has a registry), data Jackson cannot serialize
 * or a payload over the size limit are refused with an exception naming the bad value; {@link
 * Producer} lists what each method throws. Thread-safe.
 *
 * <p>Data {@code null} is written as JSON {@code null} on every path, as PHP's {@code push($job,
 * null)} writes it, and a handler receives {@code null}. think-queue's default data (PHP {@code
 * push($job)}) is the empty string {@code ''}: pass {@code ""} for that.
 */
public final class QueueConnection implements Producer {
  /**
   * The latest due time a push may ask for: 2106-02-07T06:28:15Z, Unix time 2^32 - 1, the largest
   * think-queue's MySQL schema holds. Every driver refuses later ones with an {@link
   * InvalidDelayException}, so a delay means the same on each.
   */
  public static final Instant LATEST_DUE_TIME = Instant.ofEpochSecond(4_294_967_295L);

  private final String name;
  private final Connector connector;
  private final String defaultQueue;
  private final JobRegistry registry;
  private final boolean checkNames;
  private final int maxPayloadBytes;
  private final PayloadCodec codec;
  private final PushListeners listeners;

  QueueConnection(
      String name,
      Connector connector,
      String defaultQueue,
      JobRegistry registry,
      boolean checkNames,
      int maxPayloadBytes,
      PushListeners listeners) {
    this.name = name;
    this.connector = connector;
    this.defaultQueue = defaultQueue;
    this.registry = registry;
    this.checkNames = checkNames && registry != null;
    this.maxPayloadBytes = maxPayloadBytes;
    this.codec = registry != null ? registry.payloadCodec() : PayloadCodec.shared();
    this.listeners = listeners;
  }

  /**
   * The connection's name in its {@link QueueManager}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The driver behind this connection. For tools and driver authors; applications push through this
   * class and ask for capabilities with {@link #supportsTransactionalPush()}. Do not close it: the
   * {@link QueueManager} does.
   *
   * @return the connector
   */
  public Connector connector() {
    return connector;
  }

  /**
   * True if this connection's driver can push inside the caller's JDBC transaction, with {@link
   * #push(Connection, String, Object, String)} and the {@code later(Connection, ...)} methods (the
   * JDBC driver). Decides whether to push before or after commit without reaching into the driver.
   *
   * @return whether the transactional push methods work on this connection
   */
  public boolean supportsTransactionalPush() {
    return connector instanceof TransactionalPush;
  }

  /**
   * The queue used when a call names none.
   *
   * @return the default queue's name
   */
  public String defaultQueue() {
    return defaultQueue;
  }

  @Override
  public String push(String job, Object data) {
    return push(job, data, null);
  }

  @Override
  public String push(String job, Object data, String queue) {
    return write(job, data, queue, Duration.ZERO, JobOptions.DEFAULT);
  }

  @Override
  public String push(String job, Object data, String queue, JobOptions options) {
    return write(job, data, queue, Duration.ZERO, Objects.requireNonNull(options, "options"));
  }

  @Override
  public String push(Class<?> job, Object data) {
    return push(nameOf(job), data, null);
  }

  @Override
  public String push(Class<?> job, Object data, String queue) {
    return push(nameOf(job), data, queue);
  }

  @Override
  public String pushOn(String queue, String job, Object data) {
    return push(job, data, queue);
  }

  @Override
  public String later(long delaySeconds, String job, Object data) {
    return later(seconds(delaySeconds), job, data, null);
  }

  @Override
  public String later(long delaySeconds, String job, Object data, String queue) {
    return later(seconds(delaySeconds), job, data, queue);
  }

  @Override
  public String later(Duration delay, String job, Object data) {
    return later(delay, job, data, null);
  }

  @Override
  public String later(Duration delay, String job, Object data, String queue) {
    return write(job, data, queue, delay, JobOptions.DEFAULT);
  }

  @Override
  public String later(Duration delay, String job, Object data, String queue, JobOptions options) {
    return write(job, data, queue, delay, Objects.requireNonNull(options, "options"));
  }

  @Override
  public String later(long delaySeconds, Class<?> job, Object data, String queue) {
    return later(seconds(delaySeconds), nameOf(job), data, queue);
  }

  @Override
  public String later(Duration delay, Class<?> job, Object data, String queue) {
    return later(delay, nameOf(job), data, queue);
  }

  @Override
  public String laterOn(String queue, long delaySeconds, String job, Object data) {
    return later(seconds(delaySeconds), job, data, queue);
  }

  @Override
  public String laterOn(String queue, Duration delay, String job, Object data) {
    return later(delay, job, data, queue);
  }

  /**
   * Pushes a job through the caller's JDBC connection, inside the caller's transaction: rolled
   * back, the job never existed; committed, it runs. Only on drivers with that capability (the JDBC
   * driver); see {@link #supportsTransactionalPush()}.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   *     ({@link #supportsTransactionalPush()} is false)
   * @throws IllegalArgumentException if the JDBC connection is {@code null}
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
   */
  public String push(Connection connection, String job, Object data, String queue) {
    return later(connection, Duration.ZERO, job, data, queue);
  }

  /**
   * {@link #push(Connection, String, Object, String)} with per-job options, e.g. a unique key taken
   * in the caller's transaction: {@link #later(Connection, Duration, String, Object, String,
   * JobOptions)} with no delay.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @param options per-job settings: max tries and timeout (3.x wire format), unique key
   * @return the job id: of the job written, or of the job holding the unique key
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   * @throws ConfigurationException if {@code options} has a unique key and the driver cannot take
   *     one inside a JDBC transaction
   * @throws IllegalArgumentException if the JDBC connection is {@code null}, or the job name is
   *     {@code null} or blank
   * @throws UnknownJobException if the manager has a registry, checks names on push (the default)
   *     and the name resolves to no handler
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if the payload is above the size limit
   * @throws ConnectionException if the store cannot be reached
   * @throws QueueDataException if the store was reached and refused the write
   */
  public String push(
      Connection connection, String job, Object data, String queue, JobOptions options) {
    return later(connection, Duration.ZERO, job, data, queue, options);
  }

  /**
   * {@link #push(Connection, String, Object, String)}, due after {@code delay}.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   *     ({@link #supportsTransactionalPush()} is false)
   * @throws IllegalArgumentException if the JDBC connection is {@code null}
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
   */
  public String later(
      Connection connection, Duration delay, String job, Object data, String queue) {
    return later(connection, delay, job, data, queue, JobOptions.DEFAULT);
  }

  /**
   * {@link #later(Connection, Duration, String, Object, String)} with per-job options. A {@link
   * JobOptions#uniqueKey unique key} is taken in the caller's transaction: rolled back, neither the
   * job nor the key exists; while it is open, another transaction pushing the same key waits for it
   * to end. A second push of the key in the same transaction returns the first job's id.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param delay time until the job is due, {@link Duration#ZERO} or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @param options per-job settings: max tries and timeout (3.x wire format), unique key
   * @return the job id: of the job written, or of the job holding the unique key
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   *     ({@link #supportsTransactionalPush()} is false)
   * @throws ConfigurationException if {@code options} has a unique key and the driver cannot take
   *     one inside a JDBC transaction
   * @throws IllegalArgumentException if the JDBC connection is {@code null}
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
   */
  public String later(
      Connection connection,
      Duration delay,
      String job,
      Object data,
      String queue,
      JobOptions options) {
    if (!supportsTransactionalPush()) {
      throw new UnsupportedOperationException(
          "Connection '"
              + name
              + "' ("
              + connector.getClass().getSimpleName()
              + ") cannot push inside a JDBC transaction; use a JdbcConnector, or push after commit");
    }
    if (connection == null) {
      throw new IllegalArgumentException("JDBC connection must not be null");
    }
    Objects.requireNonNull(options, "options");
    String jobName = checkJob(job);
    String q = queue(queue);
    checkDelay(delay);
    UniquePushes.check(name, connector, options, true);
    if (listeners.isEmpty()) {
      return store(connection, q, encode(jobName, data, options, Map.of(), delay), delay, options);
    }
    OutgoingJob out = pushing(q, jobName, delay);
    try {
      return pushed(
          out,
          store(
              connection, q, encode(jobName, data, options, out.fields(), delay), delay, options));
    } catch (RuntimeException e) {
      listeners.failed(out, e);
      throw e;
    }
  }

  private String store(
      Connection connection, String q, String payload, Duration delay, JobOptions options) {
    return options.uniqueKey() == null
        ? ((TransactionalPush) connector).pushRaw(connection, q, payload, delay)
        : UniquePushes.push(connector, connection, q, payload, delay, options);
  }

  /**
   * {@link #push(Connection, String, Object, String)}, due after {@code delaySeconds}.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param delaySeconds seconds until the job is due, 0 or more
   * @param job the job name as registered in the {@link JobRegistry}, or as the PHP workers know it
   *     (e.g. {@code UserRegisterJob@sendWelcomeEmail})
   * @param data the job's data, written with Jackson ({@link RawJson} as is; {@code null} as JSON
   *     {@code null})
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   *     ({@link #supportsTransactionalPush()} is false)
   * @throws IllegalArgumentException if the JDBC connection is {@code null}
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
   */
  public String later(
      Connection connection, long delaySeconds, String job, Object data, String queue) {
    return later(connection, seconds(delaySeconds), job, data, queue);
  }

  /**
   * True if this connection's driver can write several jobs all or none ({@link AtomicPush}: the
   * memory, sync, Redis and JDBC drivers), which {@link #publish(String, Object)} needs.
   *
   * @return whether publish works on this connection
   */
  public boolean supportsAtomicPush() {
    return connector instanceof AtomicPush;
  }

  @Override
  public List<String> publish(String event, Object data) {
    return FanOut.publish(this, null, event, data);
  }

  /**
   * {@link #publish(String, Object)} through the caller's JDBC connection, inside the caller's
   * transaction: rolled back, none of the subscribers' jobs ever existed; committed, all of them
   * run. A publish that fails leaves none of its jobs in the transaction. Only on drivers with both
   * capabilities (the JDBC driver); see {@link #supportsTransactionalPush()}.
   *
   * @param connection the caller's JDBC connection, in its transaction; never committed, rolled
   *     back or closed here
   * @param event the event name, as subscribed in the {@link JobRegistry}
   * @param data the event's data, every subscriber's job data, written with Jackson ({@link
   *     RawJson} as is; {@code null} as JSON {@code null})
   * @return the job ids, one per subscriber, in the order they subscribed
   * @throws UnsupportedOperationException if the driver cannot push inside a JDBC transaction
   * @throws IllegalArgumentException if the JDBC connection is {@code null}, or the event name is
   *     {@code null} or blank
   * @throws IllegalStateException if the manager has no {@link JobRegistry}
   * @throws ConfigurationException if nothing subscribes to the event
   * @throws PayloadException if Jackson cannot serialize the data
   * @throws PayloadTooLargeException if a subscriber's payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)}); nothing is written
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write; nothing is written
   */
  public List<String> publish(Connection connection, String event, Object data) {
    if (!supportsTransactionalPush() || !supportsAtomicPush()) {
      throw new UnsupportedOperationException(
          "Connection '"
              + name
              + "' ("
              + connector.getClass().getSimpleName()
              + ") cannot publish inside a JDBC transaction; use a JdbcConnector, or publish after"
              + " commit");
    }
    if (connection == null) {
      throw new IllegalArgumentException("JDBC connection must not be null");
    }
    return FanOut.publish(this, connection, event, data);
  }

  @Override
  public List<String> bulk(String job, Collection<?> dataItems, String queue) {
    Objects.requireNonNull(dataItems, "dataItems");
    String q = queue(queue);
    String jobName = checkJob(job);
    if (!listeners.isEmpty()) {
      List<String> names = new ArrayList<>(dataItems.size());
      List<Object> items = new ArrayList<>(dataItems.size());
      for (Object data : dataItems) {
        names.add(jobName);
        items.add(data);
      }
      return bulkObserved(q, names, items);
    }
    List<String> payloads = new ArrayList<>(dataItems.size());
    for (Object data : dataItems) {
      payloads.add(encode(jobName, data, JobOptions.DEFAULT, Map.of()));
    }
    return payloads.isEmpty() ? List.of() : connector.bulkRaw(q, payloads);
  }

  @Override
  public List<String> bulk(List<String> jobs, Object data, String queue) {
    Objects.requireNonNull(jobs, "jobs");
    String q = queue(queue);
    if (!listeners.isEmpty()) {
      List<String> names = new ArrayList<>(jobs.size());
      List<Object> items = new ArrayList<>(jobs.size());
      for (String job : jobs) {
        names.add(checkJob(job));
        items.add(data);
      }
      return bulkObserved(q, names, items);
    }
    List<String> payloads = new ArrayList<>(jobs.size());
    for (String job : jobs) {
      payloads.add(encode(checkJob(job), data, JobOptions.DEFAULT, Map.of()));
    }
    return payloads.isEmpty() ? List.of() : connector.bulkRaw(q, payloads);
  }

  /**
   * A bulk push with listeners: each job's {@code onPushing}, one write, then each job's outcome (a
   * failed encode or write fails every job told so far).
   */
  private List<String> bulkObserved(String q, List<String> jobNames, List<Object> items) {
    if (jobNames.isEmpty()) {
      return List.of();
    }
    List<OutgoingJob> outs = new ArrayList<>(jobNames.size());
    List<String> ids;
    try {
      List<String> payloads = new ArrayList<>(jobNames.size());
      for (int i = 0; i < jobNames.size(); i++) {
        OutgoingJob out = pushing(q, jobNames.get(i), Duration.ZERO);
        outs.add(out);
        payloads.add(encode(jobNames.get(i), items.get(i), JobOptions.DEFAULT, out));
      }
      ids = connector.bulkRaw(q, payloads);
    } catch (RuntimeException e) {
      for (OutgoingJob out : outs) {
        listeners.failed(out, e);
      }
      throw e;
    }
    for (int i = 0; i < outs.size(); i++) {
      listeners.pushed(outs.get(i), i < ids.size() ? ids.get(i) : null);
    }
    return ids;
  }

  /**
   * Stores a complete payload as given (think-queue's {@code pushRaw}), e.g. to forward one from
   * another system. Only the queue name, the payload's structure and its size are checked; the job
   * name is not resolved.
   *
   * @param payload a complete think-queue payload: a JSON object with a non-blank string {@code
   *     job}
   * @param queue the queue name, or {@code null} for the default queue
   * @return the job id
   * @throws InvalidQueueNameException if the queue name is not {@code [A-Za-z0-9_.:{}-]{1,255}}
   * @throws PayloadException if the payload is not a JSON object with a non-blank string {@code
   *     job}
   * @throws PayloadTooLargeException if the payload is above the size limit ({@link
   *     QueueManager.Builder#maxPayloadBytes(int)})
   * @throws ConnectionException if the store cannot be reached ({@link
   *     ConnectionException#isTransient()} tells whether trying again may help)
   * @throws QueueDataException if the store was reached and refused the write
   */
  public String pushRaw(String payload, String queue) {
    String q = queue(queue);
    checkSize(new Payload(payload, codec.readPayloadTree(payload)).job(), payload);
    return connector.pushRaw(q, payload, Duration.ZERO);
  }

  /**
   * Re-pushes a payload this library or another producer stored once (a failed job's retry): the
   * queue name and the job name are checked, the push size limit is not, since think-queue has none
   * and the payload was accepted when first pushed.
   */
  String requeue(String payload, String queue) {
    String q = queue(queue);
    codec.readPayloadTree(payload);
    return connector.pushRaw(q, payload, Duration.ZERO);
  }

  @Override
  public QueueSize size(String queue) {
    return connector.size(queue(queue));
  }

  private String write(String job, Object data, String queue, Duration delay, JobOptions options) {
    String jobName = checkJob(job);
    String q = queue(queue);
    checkDelay(delay);
    UniquePushes.check(name, connector, options, false);
    if (listeners.isEmpty()) {
      return store(q, encode(jobName, data, options, Map.of(), delay), delay, options);
    }
    OutgoingJob out = pushing(q, jobName, delay);
    try {
      return pushed(
          out, store(q, encode(jobName, data, options, out.fields(), delay), delay, options));
    } catch (RuntimeException e) {
      listeners.failed(out, e);
      throw e;
    }
  }

  private String store(String q, String payload, Duration delay, JobOptions options) {
    return options.uniqueKey() == null
        ? connector.pushRaw(q, payload, delay)
        : UniquePushes.push(connector, q, payload, delay, options);
  }

  // For FanOut, which publishes through this connection.

  JobRegistry registryOrNull() {
    return registry;
  }

  PushListeners pushListeners() {
    return listeners;
  }

  String queueOrDefault(String queue) {
    return queue(queue);
  }

  String encodeJob(String jobName, Object data, Map<String, String> fields, Duration delay) {
    // The delay counts: a subscriber's retryFor window starts when its job is due.
    return encode(jobName, data, JobOptions.DEFAULT, fields, delay);
  }

  private OutgoingJob pushing(String q, String jobName, Duration delay) {
    OutgoingJob out = new OutgoingJob(name, q, jobName, delay);
    listeners.pushing(out);
    return out;
  }

  private String pushed(OutgoingJob out, String id) {
    listeners.pushed(out, id);
    return id;
  }

  private String encode(String jobName, Object data, JobOptions options, OutgoingJob out) {
    return encode(jobName, data, options, out.fields());
  }

  static void checkDelay(Duration delay) {
    if (delay == null) {
      throw new InvalidDelayException(null, "must not be null; Duration.ZERO pushes for now");
    }
    if (delay.isNegative()) {
      throw new InvalidDelayException(delay, "must not be negative");
    }
    if (delay.compareTo(Duration.between(Instant.now(), LATEST_DUE_TIME)) > 0) {
      throw InvalidDelayException.tooLate(delay, LATEST_DUE_TIME);
    }
  }

  private String encode(
      String jobName, Object data, JobOptions options, Map<String, String> extra) {
    return encode(jobName, data, options, extra, Duration.ZERO);
  }

  private String encode(
      String jobName, Object data, JobOptions options, Map<String, String> extra, Duration delay) {
    String dataJson = codec.dataToJson(jobName, data);
    String id = connector.payloadCarriesIdAndAttempts() ? connector.wireFormat().newJobId() : null;
    int attempts = connector.wireFormat().initialAttempts();
    String payload =
        codec.encode(
            connector.wireFormat(),
            jobName,
            dataJson,
            options.maxTries(),
            options.timeoutSeconds(),
            RetryDeadline.of(options, registry, jobName, delay),
            UniquePushes.fields(options, extra),
            id,
            attempts);
    checkSize(jobName, payload);
    return payload;
  }

  private void checkSize(String jobName, String payload) {
    if ((long) payload.length() * 3 > maxPayloadBytes) {
      int size = PayloadCodec.utf8Length(payload);
      if (size > maxPayloadBytes) {
        throw new PayloadTooLargeException(jobName, size, maxPayloadBytes);
      }
    }
  }

  private String checkJob(String job) {
    JobRegistry.requireName(job);
    if (checkNames) {
      registry.resolve(job);
    }
    return job;
  }

  private String nameOf(Class<?> job) {
    if (job == null) {
      throw new IllegalArgumentException("Job class must not be null");
    }
    if (registry == null) {
      throw new IllegalStateException("push(Class, ...) needs a JobRegistry in the QueueManager");
    }
    return registry.nameOf(job);
  }

  private String queue(String queue) {
    return QueueNames.require(queue == null ? defaultQueue : queue);
  }

  private static Duration seconds(long delaySeconds) {
    Duration delay = Duration.ofSeconds(delaySeconds);
    checkDelay(delay);
    return delay;
  }

  @Override
  public String toString() {
    return "QueueConnection{" + name + ", " + connector.getClass().getSimpleName() + "}";
  }
}
