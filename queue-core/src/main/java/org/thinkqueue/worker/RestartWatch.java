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

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.spi.RestartSignal;

/**
 * think-queue's {@code queue:restart} rule: the worker stops when the signal's value differs from
 * the one it read at start, deletion included ("123" then none → stop; none then none → no stop). A
 * read that fails is no change: it is skipped, so a store outage does not restart every worker.
 * Logs one WARN per streak of failed reads.
 */
final class RestartWatch {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final RestartSignal signal;
  private final String connection;
  private boolean hasBaseline;
  private Optional<String> baseline = Optional.empty();
  private int failedReads;

  /** {@code signal} null = the connector has none: never restarts. */
  RestartWatch(RestartSignal signal, String connection) {
    this.signal = signal;
    this.connection = connection;
  }

  /**
   * Reads the baseline; if the read fails, the first later read that succeeds becomes the baseline.
   */
  synchronized void takeBaseline() {
    if (signal == null) {
      return;
    }
    Optional<String> now = read();
    if (now != null) {
      baseline = now;
      hasBaseline = true;
    }
  }

  /** True if the signal changed since the baseline. */
  synchronized boolean restartRequested() {
    if (signal == null) {
      return false;
    }
    Optional<String> now = read();
    if (now == null) {
      return false;
    }
    if (!hasBaseline) {
      baseline = now;
      hasBaseline = true;
      return false;
    }
    return !now.equals(baseline);
  }

  /** The value, or null if the read failed. */
  private Optional<String> read() {
    Optional<String> now;
    try {
      now = signal.lastRestart();
    } catch (RuntimeException e) {
      if (failedReads++ == 0) {
        LOG.warn(
            "Could not read the restart signal of connection '{}'; skipping the check until it answers: {}",
            connection,
            e.toString());
      }
      return null;
    }
    if (failedReads > 0) {
      LOG.info(
          "Restart signal of connection '{}' readable again after {} failed reads",
          connection,
          failedReads);
      failedReads = 0;
    }
    return now == null ? Optional.empty() : now;
  }
}
