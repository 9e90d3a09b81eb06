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
package org.thinkqueue.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.InvalidQueueNameException;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.QueueManager;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.internal.QueueNames;

/**
 * A worker's settings, validated and sealed: {@link Worker.Builder}'s setters check each value as
 * it is set with the rules below (so an error names the setting and the value at the line that set
 * it), and the record checks them all again, so no worker is built from settings that cannot be
 * held.
 *
 * @param queues in priority order; empty = the connection's default queue
 * @param connectionName null = the manager's default connection
 * @param maxTime null = no limit
 * @param threadFactory null = daemon threads named {@code queue-worker-N}
 */
record WorkerSettings(
    QueueManager manager,
    String connectionName,
    List<String> queues,
    int threads,
    int tries,
    Backoff backoff,
    int maxReadBytes,
    Duration sleep,
    Duration timeout,
    Duration timeoutGrace,
    Duration stopGrace,
    int memoryLimitMb,
    boolean once,
    long maxJobs,
    Duration maxTime,
    Clock clock,
    Ticker ticker,
    ThreadFactory threadFactory,
    List<WorkerListener> listeners,
    List<JobMiddleware> middleware,
    boolean shutdownHook) {

  WorkerSettings {
    if (manager == null) {
      throw new ConfigurationException("manager", null, "a Worker needs a QueueManager");
    }
    if (manager.registry() == null) {
      throw new ConfigurationException(
          "registry", null, "the QueueManager of a Worker needs a JobRegistry");
    }
    queues = queues.isEmpty() ? List.of() : checkQueues(queues);
    checkThreads(threads);
    checkTries(tries);
    checkNotNull("backoff", backoff);
    checkMaxReadBytes(maxReadBytes);
    checkNonNegative("sleep", sleep);
    checkTimeout(timeout);
    checkNonNegative("timeoutGrace", timeoutGrace);
    checkNonNegative("stopGrace", stopGrace);
    checkMemoryLimit(memoryLimitMb);
    checkMaxJobs(maxJobs);
    checkMaxTime(maxTime);
    checkNotNull("clock", clock);
    checkNotNull("ticker", ticker);
    listeners = List.copyOf(listeners);
    middleware = List.copyOf(middleware);
  }

  static List<String> checkQueues(List<String> queues) {
    if (queues == null || queues.isEmpty()) {
      throw new ConfigurationException("queues", queues, "name at least one queue");
    }
    List<String> checked = new ArrayList<>();
    for (String q : queues) {
      try {
        checked.add(QueueNames.require(q == null ? null : q.trim()));
      } catch (InvalidQueueNameException e) {
        throw new ConfigurationException("queues", q, "each must match [A-Za-z0-9_.:{}-]{1,255}");
      }
    }
    return List.copyOf(checked);
  }

  static void checkThreads(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new ConfigurationException("threads", threads, "must be between 1 and 1024");
    }
  }

  static void checkTries(int tries) {
    if (tries < 0) {
      throw new ConfigurationException("tries", tries, "must be 0 (forever) or more");
    }
  }

  static void checkMaxReadBytes(int bytes) {
    if (bytes < 1) {
      throw new ConfigurationException("maxPayloadReadBytes", bytes, "must be positive");
    }
  }

  static void checkTimeout(Duration timeout) {
    checkNonNegative("timeout", timeout);
    if (timeout.compareTo(Worker.MAX_TIMEOUT) > 0) {
      throw new ConfigurationException(
          "timeout", timeout, "at most " + Worker.MAX_TIMEOUT + "; zero means no limit");
    }
  }

  static void checkMemoryLimit(int mb) {
    if (mb < 0) {
      throw new ConfigurationException("memoryLimitMb", mb, "must be 0 (off) or more");
    }
  }

  static void checkMaxJobs(long maxJobs) {
    if (maxJobs < 0) {
      throw new ConfigurationException("maxJobs", maxJobs, "must be 0 (no limit) or more");
    }
  }

  static void checkMaxTime(Duration maxTime) {
    if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
      throw new ConfigurationException(
          "maxTime", maxTime, "must be positive, or null for no limit");
    }
  }

  static void checkNonNegative(String setting, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ConfigurationException(setting, d, "must be zero or positive");
    }
  }

  static void checkNotNull(String setting, Object value) {
    if (value == null) {
      throw new ConfigurationException(setting, null, "must not be null");
    }
  }
}
