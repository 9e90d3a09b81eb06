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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop's view of a store outage: how long to pause after each failed poll, and one log
 * line when polls start failing and one when they succeed again. The pause grows from 25 ms and is
 * capped at {@link #MAX_PAUSE}, so a worker resumes within that of the store's return; a failed
 * poll against a store that is down costs a refused connection, so probing that often is cheap.
 * Used by the poll thread only.
 */
final class PollOutage {
  static final Duration MAX_PAUSE = Duration.ofMillis(250);
  private static final long FIRST_PAUSE_MILLIS = 25;
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Where the outage's two lines go; a test records them. */
  interface Log {
    void down(String connection, Throwable cause);

    void resumed(String connection, long millis, int failedPolls);
  }

  static final Log SLF4J =
      new Log() {
        @Override
        public void down(String connection, Throwable cause) {
          LOG.error(
              "Worker poll failed on connection '{}': {}; probing every {} ms or less until it answers (logged "
                  + "once per outage)",
              connection,
              cause.toString(),
              MAX_PAUSE.toMillis(),
              cause);
        }

        @Override
        public void resumed(String connection, long millis, int failedPolls) {
          LOG.info(
              "Worker resumed polling connection '{}' after {} ms, {} failed polls",
              connection,
              millis,
              failedPolls);
        }
      };

  private final String connection;
  private final Log log;
  private final LongSupplier nanoTime;
  private int failedPolls;
  private long sinceNanos;

  PollOutage(String connection, Log log, LongSupplier nanoTime) {
    this.connection = connection;
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** A poll failed: logs the first of a streak; returns the pause before the next poll. */
  Duration failed(Throwable cause) {
    if (failedPolls++ == 0) {
      sinceNanos = nanoTime.getAsLong();
      log.down(connection, cause);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Worker poll on connection '{}' failed again ({} in a row): {}",
          connection,
          failedPolls,
          cause.toString());
    }
    return pause(failedPolls);
  }

  /** A poll succeeded: logs the recovery if polls were failing. */
  void succeeded() {
    if (failedPolls > 0) {
      log.resumed(
          connection,
          TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - sinceNanos),
          failedPolls);
      failedPolls = 0;
    }
  }

  int failedPolls() {
    return failedPolls;
  }

  static Duration pause(int failedPolls) {
    long ms = FIRST_PAUSE_MILLIS << Math.min(Math.max(failedPolls, 1) - 1, 8);
    return Duration.ofMillis(Math.min(ms, MAX_PAUSE.toMillis()));
  }
}
