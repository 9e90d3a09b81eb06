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
package org.thinkqueue.limit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.thinkqueue.Job;
import org.thinkqueue.Payload;

/** A hand-written job: records how it was settled, as the worker's job would settle it. */
final class RecordingJob implements Job {
  final String id;
  final List<Duration> snoozes = new CopyOnWriteArrayList<>();
  volatile boolean released;
  volatile boolean deleted;

  RecordingJob(String id) {
    this.id = id;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return "SyncOrder";
  }

  @Override
  public String getQueue() {
    return "lim_orders";
  }

  @Override
  public String getConnection() {
    return "memory";
  }

  @Override
  public int attempts() {
    return 1;
  }

  @Override
  public void delete() {
    deleted = true;
  }

  @Override
  public void release(Duration delay) {
    released = true;
  }

  @Override
  public void snooze(Duration delay) {
    snoozes.add(delay);
    released = true;
  }

  @Override
  public boolean isDeleted() {
    return deleted;
  }

  @Override
  public boolean isReleased() {
    return released;
  }

  @Override
  public void fail(Throwable cause) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean hasFailed() {
    return false;
  }

  @Override
  public String getRawBody() {
    return "{}";
  }

  @Override
  public Payload payload() {
    throw new UnsupportedOperationException();
  }
}
