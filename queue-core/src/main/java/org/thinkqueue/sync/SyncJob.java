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
package org.thinkqueue.sync;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.Job;
import org.thinkqueue.Payload;

/**
 * The {@link Job} a handler sees on the sync driver. Nothing is stored, so {@code delete}, {@code
 * release} and {@code fail} only set flags; {@link SyncConnector} reads them after the handler
 * returns. Thread-safe, on a private lock: a handler that locks the job shares no monitor with the
 * driver.
 */
final class SyncJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

  private final Payload payload;
  private final String id;
  private final String queue;
  private final String connection;

  /** Guards the flags; private, since handlers receive this object and may lock it. */
  private final Object lock = new Object();

  private boolean deleted;
  private boolean released;
  private boolean failed;
  private Throwable failCause;

  SyncJob(Payload payload, String queue, String connection) {
    this.payload = payload;
    String payloadId = payload.id();
    this.id = payloadId == null ? "" : payloadId;
    this.queue = queue;
    this.connection = connection;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return payload.job();
  }

  @Override
  public String getQueue() {
    return queue;
  }

  @Override
  public String getConnection() {
    return connection;
  }

  /** Always 1: a sync job runs once, as think-queue's {@code job\Sync}. */
  @Override
  public int attempts() {
    return 1;
  }

  @Override
  public void delete() {
    synchronized (lock) {
      if (!released) {
        deleted = true;
      }
    }
  }

  /**
   * Only sets the flag: the sync driver never runs a job twice (think-queue's {@code job\Sync} does
   * the same).
   */
  @Override
  public void release(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    synchronized (lock) {
      if (deleted || released) {
        return;
      }
      released = true;
    }
    LOG.debug("Job {} ({}) released on the sync driver: it will not run again", id, getName());
  }

  /**
   * As {@link #release(Duration)}: only sets the released flag. The sync driver has no store to put
   * the job back in and never runs a job twice, so a snoozed sync job does not run again
   * (think-queue's {@code job\Sync} treats a release the same way), and no {@code JobSnoozed}
   * fires.
   */
  @Override
  public void snooze(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("Snooze delay must not be negative or null, was " + delay);
    }
    synchronized (lock) {
      if (deleted || released) {
        return;
      }
      released = true;
    }
    LOG.debug("Job {} ({}) snoozed on the sync driver: it will not run again", id, getName());
  }

  /**
   * Marks the job failed (and deleted). {@link SyncConnector} then calls the handler's {@code
   * failed} callback and fires {@code JobFailed} once the handler returns.
   */
  @Override
  public void fail(Throwable cause) {
    synchronized (lock) {
      if (deleted || released) {
        return;
      }
      failed = true;
      deleted = true;
      failCause = cause;
    }
  }

  /** Marks the job failed after its handler threw, whatever the handler did to it before. */
  void markFailed(Throwable cause) {
    synchronized (lock) {
      failed = true;
      if (failCause == null) {
        failCause = cause;
      }
    }
  }

  Throwable failCause() {
    synchronized (lock) {
      return failCause;
    }
  }

  @Override
  public boolean isDeleted() {
    synchronized (lock) {
      return deleted;
    }
  }

  @Override
  public boolean isReleased() {
    synchronized (lock) {
      return released;
    }
  }

  @Override
  public boolean hasFailed() {
    synchronized (lock) {
      return failed;
    }
  }

  @Override
  public String getRawBody() {
    return payload.raw();
  }

  @Override
  public Payload payload() {
    return payload;
  }

  @Override
  public String toString() {
    return "SyncJob{id=" + id + ", name=" + getName() + ", queue=" + queue + "}";
  }
}
