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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the worker's threads (poll, job, watchdog) and knows which threads are the worker's own, so
 * a handler or a listener that calls {@code stop()} or {@code close()} only asks for the stop
 * instead of waiting for itself.
 */
final class WorkerThreads {
  private static final AtomicInteger POLL_THREADS = new AtomicInteger();
  private static final AtomicInteger JOB_THREADS = new AtomicInteger();
  private static final AtomicInteger WATCHDOG_THREADS = new AtomicInteger();

  private final Set<Thread> own = ConcurrentHashMap.newKeySet();

  /** Job threads from the user's factory, or daemon threads named {@code queue-worker-N}. */
  ThreadFactory jobThreads(ThreadFactory user) {
    return tracked(user != null ? user : named("queue-worker-", JOB_THREADS, true));
  }

  ThreadFactory watchdogThreads() {
    return tracked(named("queue-watchdog-", WATCHDOG_THREADS, true));
  }

  /**
   * A non-daemon thread named {@code queue-poll-N}: a started worker keeps the JVM alive, as {@code
   * run()} does.
   */
  Thread pollThread(Runnable loop) {
    return tracked(named("queue-poll-", POLL_THREADS, false)).newThread(loop);
  }

  /**
   * Counts the calling thread as the worker's while it runs the poll loop ({@link Worker#run()}).
   */
  void enter() {
    own.add(Thread.currentThread());
  }

  void leave() {
    own.remove(Thread.currentThread());
  }

  /** True on the poll thread, a job thread or a watchdog thread of this worker. */
  boolean isOwnThread() {
    return own.contains(Thread.currentThread());
  }

  private ThreadFactory tracked(ThreadFactory base) {
    return r ->
        base.newThread(
            () -> {
              enter();
              try {
                r.run();
              } finally {
                leave();
              }
            });
  }

  private static ThreadFactory named(String prefix, AtomicInteger counter, boolean daemon) {
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(prefix + counter.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }
}
