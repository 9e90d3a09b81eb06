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
package org.thinkqueue.redis.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.thinkqueue.WireFormat;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.KeyValue;

/**
 * How an idle worker waits for work: the AWAIT script says whether a queue has ready jobs or how
 * long until its next delayed job or expiring reservation is due; the worker then blocks (BLPOP) on
 * the queues' {@code :notify} lists, which Java producers push a token to, for at most that long.
 * Jobs pushed by PHP (no token) are still found on time. Thread-safe.
 */
public final class NotifyWaiter {
  private static final RedisScript AWAIT = RedisScript.load("await");

  /** Redis checks blocked clients' timeouts on its tick: 100 ms at the default hz 10. */
  private static final long SERVER_TICK_MILLIS = 100;

  /**
   * On a Cluster, the longest wait on one queue's list before trying the next (their keys are in
   * other slots).
   */
  private static final long CLUSTER_SLICE_MILLIS = 100;

  private final UnifiedJedis redis;
  private final WireFormat format;
  private final boolean cluster;
  private final long blockForMillis;
  private final AtomicInteger rotation = new AtomicInteger();

  /** A waiter on {@code redis}, blocking at most {@code blockFor} per round trip. */
  public NotifyWaiter(UnifiedJedis redis, WireFormat format, boolean cluster, Duration blockFor) {
    this.redis = redis;
    this.format = format;
    this.cluster = cluster;
    this.blockForMillis = blockFor.toMillis();
  }

  /**
   * Returns when one of {@code queues} may have work, a producer pushed a token, or {@code timeout}
   * passed.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void awaitWork(List<String> queues, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      long wait = untilWork(queues, Math.min(left, blockForMillis));
      if (wait <= 0) {
        return;
      }
      if (wait < SERVER_TICK_MILLIS + 50) {
        // BLPOP timeouts fire on the server's clock tick (hz 10: every 100 ms); wait out the last
        // stretch to a due
        // job here so it starts on time.
        TimeUnit.MILLISECONDS.sleep(wait);
        return;
      }
      wait -= SERVER_TICK_MILLIS;
      String[] notify;
      if (!cluster || queues.size() == 1) {
        notify = queues.stream().map(q -> RedisKeys.notify(format, q)).toArray(String[]::new);
      } else {
        notify =
            new String[] {
              RedisKeys.notify(
                  format, queues.get(Math.floorMod(rotation.getAndIncrement(), queues.size())))
            };
        wait = Math.min(wait, CLUSTER_SLICE_MILLIS);
      }
      double secs = Math.max(0.01, wait / 1000.0);
      KeyValue<String, String> token =
          RedisErrors.call(() -> redis.blpop(secs, notify), "wait on '" + queues.get(0) + "'");
      if (token != null) {
        return;
      }
    }
  }

  /**
   * Milliseconds (at most {@code cap}) until one of the queues may have work; 0 or less: it has
   * some now.
   */
  private long untilWork(List<String> queues, long cap) {
    long wait = cap;
    for (String queue : queues) {
      RedisKeys.checkSlot(cluster, format, queue);
      String arg = Long.toString(wait);
      long w =
          (Long)
              RedisErrors.call(
                  () ->
                      AWAIT.run(
                          redis,
                          List.of(
                              RedisKeys.ready(format, queue),
                              RedisKeys.delayed(format, queue),
                              RedisKeys.reserved(format, queue)),
                          List.of(arg)),
                  "wait on '" + queue + "'");
      if (w < 0) {
        return 0;
      }
      wait = Math.min(wait, w);
    }
    return wait;
  }
}
