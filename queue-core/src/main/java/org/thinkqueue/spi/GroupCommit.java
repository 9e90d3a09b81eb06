package org.thinkqueue.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many threads hand in items and wait; one thread writes everything that piled up meanwhile in one
 * round trip. Under load, N acknowledgements cost one round trip (and one database commit) instead of N. Drivers use
 * it for deletes.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** Writes a batch; returns one result per item, in order. */
  @FunctionalInterface
  public interface Flusher<T> {
    List<Boolean> flush(List<T> batch) throws Exception;
  }

  private record Pending<T>(T item, CompletableFuture<Boolean> done) {}

  private final Flusher<T> flusher;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending<T>> pending = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  public GroupCommit(String threadName, int maxBatch, Flusher<T> flusher) {
    this.flusher = flusher;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an item; the future completes with its result or the batch's exception. */
  public CompletableFuture<Boolean> submit(T item) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (closed) {
      List<Pending<T>> one = new ArrayList<>(1);
      one.add(new Pending<>(item, done));
      flush(one);
      return done;
    }
    pending.add(new Pending<>(item, done));
    return done;
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

  /** Writes what is pending and stops the thread. Later submissions are written on the caller's thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
