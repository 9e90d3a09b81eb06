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
package org.thinkqueue.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many threads hand in items and wait; one thread writes everything that piled up
 * meanwhile in one round trip. Under load, N acknowledgements cost one round trip (and one database
 * commit) instead of N. Drivers use it for deletes.
 *
 * <p>The writing thread (a daemon) starts on the first {@link #submit}, not in the constructor, so
 * a connector that only pushes (a web node) never starts one. Thread-safe: any thread may submit;
 * {@link #close()} is idempotent.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /**
   * Writes a batch for a {@link GroupCommit}. Called on its writing thread, one batch at a time (or
   * on the submitting thread after {@link GroupCommit#close()}).
   *
   * @param <T> what is written
   */
  @FunctionalInterface
  public interface Flusher<T> {
    /**
     * Writes a batch in one round trip.
     *
     * @param batch the items, in submission order; never empty
     * @return one result per item, in the same order
     * @throws Exception if the write failed: every item of the batch completes exceptionally with
     *     it
     */
    List<Boolean> flush(List<T> batch) throws Exception;
  }

  private record Pending<T>(T item, CompletableFuture<Boolean> done) {}

  private final String threadName;
  private final Flusher<T> flusher;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending<T>> pending = new LinkedBlockingQueue<>();
  private final Object lifecycle = new Object();

  /** Guarded by {@code lifecycle}; {@code null} until the first submission. */
  private Thread thread;

  /** Written under {@code lifecycle}; read by the writing thread. */
  private volatile boolean closed;

  /**
   * A group commit that starts no thread yet.
   *
   * @param threadName the name of the writing thread, once it starts
   * @param maxBatch the most items written in one batch, at least 1
   * @param flusher writes a batch
   * @throws IllegalArgumentException if {@code maxBatch} is below 1
   */
  public GroupCommit(String threadName, int maxBatch, Flusher<T> flusher) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.flusher = Objects.requireNonNull(flusher, "flusher");
    this.maxBatch = maxBatch;
  }

  /**
   * Queues an item for the next batch, starting the writing thread if this is the first submission.
   * After {@link #close()} the item is written at once on the caller's thread.
   *
   * @param item what to write
   * @return completes with the item's result, or exceptionally with the batch's exception
   */
  public CompletableFuture<Boolean> submit(T item) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    synchronized (lifecycle) {
      if (!closed) {
        if (thread == null) {
          // Not the submitting thread's thread-locals or class loader (a web request's, say): the
          // writer outlives the request that happened to submit first.
          Thread writer = new Thread(null, this::loop, threadName, 0, false);
          writer.setDaemon(true);
          writer.setContextClassLoader(GroupCommit.class.getClassLoader());
          writer.start(); // if this throws, the next submit tries again; this one fails
          thread = writer;
        }
        pending.add(new Pending<>(item, done));
        return done;
      }
    }
    List<Pending<T>> one = new ArrayList<>(1);
    one.add(new Pending<>(item, done));
    flush(one);
    return done;
  }

  /** True once the writing thread was started (by the first {@link #submit}) and until it ends. */
  boolean threadAlive() {
    synchronized (lifecycle) {
      return thread != null && thread.isAlive();
    }
  }

  private void loop() {
    List<Pending<T>> batch = new ArrayList<>();
    while (!closed || !pending.isEmpty()) {
      try {
        Pending<T> first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, maxBatch - 1);
        flush(batch);
      } catch (InterruptedException e) {
        if (closed) {
          pending.drainTo(batch);
          flush(batch);
          return;
        }
      } catch (Throwable t) {
        LOG.error("Group commit thread failed; going on", t);
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Pending<T>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<T> items = new ArrayList<>(batch.size());
    for (Pending<T> p : batch) {
      items.add(p.item());
    }
    try {
      List<Boolean> results = flusher.flush(items);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(results.get(i));
      }
    } catch (Exception | Error e) {
      for (Pending<T> p : batch) {
        p.done().completeExceptionally(e);
      }
    }
  }

  /**
   * Writes what is pending and stops the writing thread, waiting up to 5 seconds for it. Later
   * submissions are written on the caller's thread. Idempotent.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
