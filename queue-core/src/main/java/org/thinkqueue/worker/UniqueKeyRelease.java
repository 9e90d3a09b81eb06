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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.Payload;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.UniquePush;

/**
 * Frees the unique key of a job pushed with {@code UniqueUntil.PROCESSING} when an attempt starts
 * (Laravel's {@code ShouldBeUniqueUntilProcessing}), so a push made while it runs queues a new job.
 * A key held until the job is processed is freed by the connector's delete instead.
 */
final class UniqueKeyRelease {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private UniqueKeyRelease() {}

  /**
   * Before the handler runs. A failure is logged and the attempt goes on: the key is still freed
   * when the job ends.
   */
  static void atStart(Connector connector, WorkerJob job) {
    Payload payload = job.decoded();
    if (payload == null || !(connector instanceof UniquePush unique)) {
      return;
    }
    String key = UniquePush.keyReleasedAtStart(payload);
    String id = job.getId();
    if (key == null || id == null) {
      return;
    }
    try {
      unique.releaseUnique(job.getQueue(), key, id);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not free the unique key of job {} on queue '{}' as its attempt starts; it is freed"
              + " when the job ends: {}",
          job.logId(),
          job.getQueue(),
          e.toString());
    }
  }
}
