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
package org.thinkqueue.spring.boot.autoconfigure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.FailedJob;
import org.thinkqueue.spi.FailedJobStore;

/**
 * {@code think-queue.failed.type=none}, as think-queue's {@code none} failer: a job that failed for
 * good is logged (never its payload) and dropped.
 */
final class DiscardingFailedJobStore implements FailedJobStore {
  private static final Logger LOG = LoggerFactory.getLogger(DiscardingFailedJobStore.class);

  @Override
  public String record(String connection, String queue, String payload, String exception) {
    String id = UUID.randomUUID().toString();
    LOG.warn(
        "Job failed for good on connection '{}', queue '{}': not recorded (think-queue.failed.type=none)",
        connection,
        queue);
    return id;
  }

  @Override
  public List<FailedJob> list(int offset, int limit) {
    return List.of();
  }

  @Override
  public Optional<FailedJob> find(String id) {
    return Optional.empty();
  }

  @Override
  public boolean forget(String id) {
    return false;
  }

  @Override
  public void flush() {}

  @Override
  public long count() {
    return 0;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public String toString() {
    return "none";
  }
}
