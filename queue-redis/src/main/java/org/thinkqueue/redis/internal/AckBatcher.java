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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.spi.GroupCommit;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Deletes (ZREM of the exact reserved member) from many job threads, sent as one pipelined round
 * trip per batch.
 */
public final class AckBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);
  private static final int MAX_BATCH = 1000;

  private record Ack(byte[] key, byte[] member) {}

  private final UnifiedJedis redis;
  private final GroupCommit<Ack> commits;

  public AckBatcher(UnifiedJedis redis, String threadName) {
    this.redis = redis;
    this.commits = new GroupCommit<>(threadName, MAX_BATCH, this::flush);
  }

  /**
   * Queues {@code ZREM key member}, the member as the exact bytes Redis holds; the future completes
   * with true if the member was removed.
   */
  public CompletableFuture<Boolean> zrem(String key, byte[] member) {
    return commits.submit(new Ack(key.getBytes(StandardCharsets.UTF_8), member));
  }

  private List<Boolean> flush(List<Ack> batch) {
    List<Response<Long>> responses;
    try {
      responses = send(batch);
    } catch (JedisConnectionException e) {
      // A pooled connection the server dropped while idle (restart, failover, CLIENT KILL) fails on
      // first use and
      // is discarded; ZREM is idempotent, so one retry on a fresh connection is safe. Without it
      // the finished
      // jobs stay reserved and run again after retryAfter.
      LOG.debug("Ack pipeline failed ({}); retrying once", e.toString());
      responses = send(batch);
    }
    List<Boolean> results = new ArrayList<>(responses.size());
    for (Response<Long> r : responses) {
      results.add(r.get() > 0);
    }
    return results;
  }

  private List<Response<Long>> send(List<Ack> batch) {
    List<Response<Long>> responses = new ArrayList<>(batch.size());
    try (AbstractPipeline p = Pipelines.open(redis)) {
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
    commits.close();
  }
}
