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
package org.thinkqueue.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.thinkqueue.event.JobExceptionOccurred;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.WorkerListener;

/**
 * Counts what the demo shows: pushed, processed, retried, failed, and push-to-start latency of
 * first attempts.
 */
public final class PushRecorder implements WorkerListener {
  private final Map<String, long[]> pushes = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger pushed = new AtomicInteger();
  final AtomicInteger processed = new AtomicInteger();
  final AtomicInteger retried = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger exceptions = new AtomicInteger();

  /**
   * Records a push; a push that returned an id already seen (a unique job's repeated push, which
   * wrote nothing) is not counted again.
   */
  void pushed(String id, long startNanos, Duration delay) {
    if (seen.add(id)) {
      pushed.incrementAndGet();
      pushes.put(id, new long[] {startNanos, delay.toNanos()});
    }
  }

  @Override
  public void onJobProcessing(JobProcessing event) {
    if (event.job().attempts() > 1) {
      retried.incrementAndGet();
      return;
    }
    long[] p = pushes.remove(event.job().getId());
    if (p != null) {
      latenciesMicros.add(Math.max(0, (System.nanoTime() - p[0] - p[1]) / 1000));
    }
  }

  @Override
  public void onJobProcessed(JobProcessed event) {
    processed.incrementAndGet();
  }

  @Override
  public void onJobExceptionOccurred(JobExceptionOccurred event) {
    exceptions.incrementAndGet();
  }

  @Override
  public void onJobFailed(JobFailed event) {
    failed.incrementAndGet();
  }

  /** The p-th percentile (0-100) of push-to-start latency of first attempts, in milliseconds. */
  double latencyMillis(double p) {
    List<Long> copy;
    synchronized (latenciesMicros) {
      copy = new ArrayList<>(latenciesMicros);
    }
    if (copy.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(copy);
    int i = (int) Math.min(copy.size() - 1, Math.ceil(p / 100.0 * copy.size()) - 1);
    return copy.get(Math.max(0, i)) / 1000.0;
  }
}
