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
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.TransactionalUniquePush;
import org.thinkqueue.spi.UniquePush;

/**
 * The producer's side of unique jobs ({@link JobOptions#withUniqueKey}): the payload fields, the
 * capability check, and the write through {@link UniquePush}. A push without a key never comes
 * here.
 */
final class UniquePushes {
  private static final Logger LOG = LoggerFactory.getLogger(QueueConnection.class);

  private UniquePushes() {}

  /**
   * Refuses a unique push the connection's driver cannot make atomic, before any listener or write.
   *
   * @throws ConfigurationException naming the connection and its driver
   */
  static void check(String connection, Connector connector, JobOptions options, boolean tx) {
    if (options.uniqueKey() == null) {
      return;
    }
    boolean capable =
        tx ? connector instanceof TransactionalUniquePush : connector instanceof UniquePush;
    if (!capable) {
      throw new ConfigurationException(
          "Connection '"
              + connection
              + "' ("
              + connector.getClass().getName()
              + ") cannot push unique jobs"
              + (tx ? " inside a JDBC transaction" : "")
              + ": its driver does not implement "
              + (tx ? TransactionalUniquePush.class : UniquePush.class).getSimpleName()
              + "; drop JobOptions.uniqueKey or use the memory, sync, Redis or JDBC driver");
    }
  }

  /**
   * The top-level fields after {@code data}: {@code uniqueKey} and {@code uniqueUntil} first (a
   * unique push only), then the listeners' fields. Without a key, {@code extra} itself, so plain
   * payloads keep their bytes.
   */
  static Map<String, String> fields(JobOptions options, Map<String, String> extra) {
    if (options.uniqueKey() == null) {
      return extra;
    }
    Map<String, String> fields = new LinkedHashMap<>(extra.size() + 2);
    fields.put(UniquePush.KEY_FIELD, options.uniqueKey());
    fields.put(
        UniquePush.UNTIL_FIELD,
        options.uniqueUntil() == JobOptions.UniqueUntil.PROCESSING
            ? UniquePush.UNTIL_PROCESSING
            : UniquePush.UNTIL_PROCESSED);
    fields.putAll(extra);
    return fields;
  }

  /** Writes a unique job, or finds the one holding its key; returns that job's id. */
  static String push(
      Connector connector, String queue, String payload, Duration delay, JobOptions options) {
    UniquePush.Pushed pushed =
        ((UniquePush) connector)
            .pushUnique(queue, payload, delay, options.uniqueKey(), options.uniqueFor());
    return idOf(pushed, queue);
  }

  /** {@link #push} through the caller's JDBC connection, in its transaction. */
  static String push(
      Connector connector,
      Connection connection,
      String queue,
      String payload,
      Duration delay,
      JobOptions options) {
    UniquePush.Pushed pushed =
        ((TransactionalUniquePush) connector)
            .pushUnique(
                connection, queue, payload, delay, options.uniqueKey(), options.uniqueFor());
    return idOf(pushed, queue);
  }

  private static String idOf(UniquePush.Pushed pushed, String queue) {
    if (!pushed.written() && LOG.isDebugEnabled()) {
      LOG.debug(
          "Unique push to queue '{}' wrote nothing: job {} holds the key", queue, pushed.id());
    }
    return pushed.id();
  }
}
