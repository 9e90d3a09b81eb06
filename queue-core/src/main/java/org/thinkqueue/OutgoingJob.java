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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One job being pushed, as {@link PushListener}s see it: where it goes, and the extra top-level
 * fields listeners add to its payload. PHP think-queue keeps top-level fields it does not know (its
 * workers read {@code job}, {@code data}, {@code maxTries}, {@code timeout}, {@code id} and {@code
 * attempts} by name), so a PHP worker runs such a payload as any other. Extra fields are written
 * after {@code data} and before {@code id} and {@code attempts}, in the order added; a payload
 * without any is byte for byte what it would be without listeners.
 *
 * <p>Used by the pushing thread only; not thread-safe.
 */
public final class OutgoingJob {
  /** Field names the payload format owns: no listener may set them. */
  private static final Set<String> RESERVED =
      Set.of(
          "job",
          "maxTries",
          "timeout",
          "timeoutAt",
          "data",
          "id",
          "attempts",
          "uniqueKey",
          "uniqueUntil",
          "exceptions");

  private final String connection;
  private final String queue;
  private final String job;
  private final Duration delay;
  private Map<String, String> fields;
  private Map<Object, Object> attributes;

  /**
   * A job pushed to {@code queue} of {@code connection}.
   *
   * @param connection the connection's name
   * @param queue the queue's name
   * @param job the job name
   * @param delay the delay asked for, {@link Duration#ZERO} for now
   */
  public OutgoingJob(String connection, String queue, String job, Duration delay) {
    this.connection = connection;
    this.queue = queue;
    this.job = job;
    this.delay = delay;
  }

  /**
   * The name of the connection pushed to.
   *
   * @return the connection name
   */
  public String connection() {
    return connection;
  }

  /**
   * The queue pushed to.
   *
   * @return the queue name
   */
  public String queue() {
    return queue;
  }

  /**
   * The job name written in the payload.
   *
   * @return the job name
   */
  public String job() {
    return job;
  }

  /**
   * The delay the push asked for.
   *
   * @return the delay, {@link Duration#ZERO} for now
   */
  public Duration delay() {
    return delay;
  }

  /**
   * Adds (or replaces) a top-level string field of the payload, e.g. {@code traceparent}.
   *
   * @param name the field name; not one the payload format owns ({@code job}, {@code maxTries},
   *     {@code timeout}, {@code timeoutAt}, {@code data}, {@code id}, {@code attempts}, {@code
   *     uniqueKey}, {@code uniqueUntil}) nor the worker's count of thrown exceptions ({@code
   *     exceptions})
   * @param value the value
   * @throws IllegalArgumentException if the name is blank or reserved, or the value is {@code null}
   */
  public void putField(String name, String value) {
    if (name == null || name.isBlank() || RESERVED.contains(name)) {
      throw new IllegalArgumentException(
          "Payload field name must not be blank nor one of " + RESERVED + ", was '" + name + "'");
    }
    if (value == null) {
      throw new IllegalArgumentException("Value of payload field '" + name + "' must not be null");
    }
    if (fields == null) {
      fields = new LinkedHashMap<>(4);
    }
    fields.put(name, value);
  }

  /**
   * The extra fields added so far, in order.
   *
   * @return an unmodifiable view, empty when none
   */
  public Map<String, String> fields() {
    return fields == null ? Map.of() : Collections.unmodifiableMap(fields);
  }

  /**
   * Keeps a listener's state from {@link PushListener#onPushing} to the outcome (e.g. a started
   * span). Keys are compared by identity: use a private constant.
   *
   * @param key the key
   * @param value the value, or {@code null} to remove
   */
  public void setAttribute(Object key, Object value) {
    if (attributes == null) {
      if (value == null) {
        return;
      }
      attributes = new IdentityHashMap<>(2);
    }
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
  }

  /**
   * A value kept with {@link #setAttribute}.
   *
   * @param key the key
   * @return the value, or {@code null}
   */
  public Object getAttribute(Object key) {
    return attributes == null ? null : attributes.get(key);
  }

  @Override
  public String toString() {
    return "OutgoingJob{connection="
        + connection
        + ", queue="
        + queue
        + ", job="
        + job
        + ", delay="
        + delay
        + "}";
  }
}
