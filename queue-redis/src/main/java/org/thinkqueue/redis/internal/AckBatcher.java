package org.thinkqueue.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Group commit for deletes: job threads hand in ZREMs and wait; one thread sends everything that piled up meanwhile
 * in one pipelined round trip. Under load, N acks cost one round trip instead of N.
 */
public final class AckBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);
  private static final int MAX_BATCH = 1000;

  private record Ack(String key, String member, CompletableFuture<Boolean> done) {}

  private final UnifiedJedis redis;
  private final LinkedBlockingQueue<Ack> pending = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  public AckBatcher(UnifiedJedis redis, String threadName) {
    this.redis = redis;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code ZREM key member}; the future completes with true if the member was removed. */
  public CompletableFuture<Boolean> zrem(String key, String member) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (closed) {
      done.complete(redis.zrem(key, member) > 0);
      return done;
    }
    pending.add(new Ack(key, member, done));
    return done;
  }

  private void loop() {
    List<Ack> batch = new ArrayList<>();
    while (!closed || !pending.isEmpty()) {
      try {
        Ack first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        flush(batch);
      } catch (InterruptedException e) {
        if (closed) {
          pending.drainTo(batch);
          flush(batch);
          return;
        }
      } catch (Throwable t) {
        LOG.error("Ack batcher failed; going on", t);
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Ack> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<Response<Long>> responses;
      try {
        responses = send(batch);
      } catch (JedisConnectionException e) {
        // A pooled connection the server dropped while idle (restart, failover, CLIENT KILL) fails on first use and
        // is discarded; ZREM is idempotent, so one retry on a fresh connection is safe. Without it the finished
        // jobs stay reserved and run again after retryAfter.
        LOG.debug("Ack pipeline failed ({}); retrying once", e.toString());
        responses = send(batch);
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(responses.get(i).get() > 0);
      }
    } catch (RuntimeException e) {
      for (Ack a : batch) {
        a.done().completeExceptionally(e);
      }
    }
  }

  private List<Response<Long>> send(List<Ack> batch) {
    List<Response<Long>> responses = new ArrayList<>(batch.size());
    try (AbstractPipeline p = redis.pipelined()) {
      for (Ack a : batch) {
        responses.add(p.zrem(a.key(), a.member()));
      }
      p.sync();
    }
    return responses;
  }

  /** Sends what is pending and stops the thread. */
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
