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
package org.thinkqueue.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateDecision;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.redis.internal.JedisVersion;
import org.thinkqueue.redis.internal.RedisErrors;
import org.thinkqueue.redis.internal.RedisScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rate and concurrency limits in Redis, shared by every worker on the server or Cluster, on Redis's
 * clock ({@code TIME}), so workers whose clocks differ agree. Each limit key has two keys of its
 * own, in one Cluster hash slot:
 *
 * <ul>
 *   <li>{@code {<namespace>:<key>}:rate}, a hash: {@code tat} and {@code turn} in Unix
 *       microseconds, updated by one script per request ({@code limit-rate.lua}, the generic cell
 *       rate algorithm of {@link org.thinkqueue.limit.Gcra});
 *   <li>{@code {<namespace>:<key>}:leases}, a sorted set of lease tokens scored by their expiry:
 *       one script drops expired leases, counts and adds ({@code limit-lease-acquire.lua}).
 * </ul>
 *
 * <p>Both expire once nothing in them matters any more (the rate's times have passed, the last
 * lease has expired), so idle keys vanish. The default namespace {@value #DEFAULT_NAMESPACE} is
 * apart from think-queue's keys ({@code queues:*}, {@code {queues:*}}, {@code
 * think:queue:restart}). An ACL user needs {@code EVALSHA}, {@code EVAL} and {@code ZREM} on {@code
 * ~{think-queue:limit:*}*}. Thread-safe.
 */
public final class RedisLimiterStore implements LimiterStore {
  /** The default namespace of the keys. */
  public static final String DEFAULT_NAMESPACE = "think-queue:limit";

  private static final RedisScript RATE = RedisScript.load("limit-rate");
  private static final RedisScript ACQUIRE = RedisScript.load("limit-lease-acquire");
  private static final RedisScript RENEW = RedisScript.load("limit-lease-renew");

  private final UnifiedJedis redis;
  private final String namespace;

  /**
   * A store on the connector's client, under {@value #DEFAULT_NAMESPACE}.
   *
   * @param connector the connector whose client to use; it keeps owning the client
   * @throws ConfigurationException if {@code connector} is null
   */
  public RedisLimiterStore(RedisConnector connector) {
    this(connector == null ? null : connector.client(), DEFAULT_NAMESPACE);
  }

  /**
   * A store on a client, with keys {@code {<namespace>:<key>}:rate} and {@code
   * {<namespace>:<key>}:leases}.
   *
   * @param redis the client (standalone or Cluster); the caller keeps owning it and closes it
   * @param namespace the keys' common start: not blank, no braces
   * @throws ConfigurationException naming the setting if {@code redis} is null or {@code namespace}
   *     is not usable, or if the Jedis on the classpath is older than queue-redis supports
   */
  public RedisLimiterStore(UnifiedJedis redis, String namespace) {
    if (redis == null) {
      throw new ConfigurationException("redis", null, "must not be null");
    }
    if (namespace == null
        || namespace.isBlank()
        || namespace.indexOf('{') >= 0
        || namespace.indexOf('}') >= 0) {
      throw new ConfigurationException("namespace", namespace, "a non-blank name without braces");
    }
    JedisVersion.requireSupported();
    this.redis = redis;
    this.namespace = namespace;
  }

  @Override
  public RateDecision acquire(String key, RateLimit limit, Duration maxDelay) {
    LimiterStore.requireKey(key);
    Objects.requireNonNull(limit, "limit");
    long max = LimiterStore.maxDelayMicros(maxDelay);
    Object reply =
        call(
            () ->
                RATE.run(
                    redis,
                    List.of(rateKey(key)),
                    List.of(
                        Long.toString(limit.emissionIntervalMicros()),
                        Long.toString(limit.burstToleranceMicros()),
                        Long.toString(max))),
            "take a rate permit");
    if (!(reply instanceof List<?> list)
        || list.size() != 2
        || !(list.get(0) instanceof Long granted)
        || !(list.get(1) instanceof Long delay)) {
      throw new QueueDataException("Redis answered a rate permit with " + reply, null);
    }
    Duration d = Duration.ofNanos(Math.max(0, delay) * 1000L);
    return granted == 1L ? RateDecision.granted(d) : RateDecision.denied(d);
  }

  @Override
  public Optional<String> acquireLease(String key, int maxLeases, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireMaxLeases(maxLeases);
    long lease = LimiterStore.leaseMicros(leaseTime);
    String token = UUID.randomUUID().toString();
    Object reply =
        call(
            () ->
                ACQUIRE.run(
                    redis,
                    List.of(leaseKey(key)),
                    List.of(Integer.toString(maxLeases), Long.toString(lease), token)),
            "take a concurrency lease");
    return Long.valueOf(1).equals(reply) ? Optional.of(token) : Optional.empty();
  }

  @Override
  public boolean renewLease(String key, String token, Duration leaseTime) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    long lease = LimiterStore.leaseMicros(leaseTime);
    Object reply =
        call(
            () -> RENEW.run(redis, List.of(leaseKey(key)), List.of(token, Long.toString(lease))),
            "renew a concurrency lease");
    return Long.valueOf(1).equals(reply);
  }

  @Override
  public void releaseLease(String key, String token) {
    LimiterStore.requireKey(key);
    LimiterStore.requireToken(token);
    call(() -> redis.zrem(leaseKey(key), token), "release a concurrency lease");
  }

  /**
   * The Redis key of a limit key's rate state.
   *
   * @param key the limit key
   * @return {@code {<namespace>:<key>}:rate}
   */
  public String rateKey(String key) {
    return "{" + namespace + ":" + key + "}:rate";
  }

  /**
   * The Redis key of a limit key's leases.
   *
   * @param key the limit key
   * @return {@code {<namespace>:<key>}:leases}
   */
  public String leaseKey(String key) {
    return "{" + namespace + ":" + key + "}:leases";
  }

  private <T> T call(Supplier<T> op, String what) {
    // The limit key is left out: it may be made of job data.
    return RedisErrors.call(op, what + " in " + namespace);
  }

  /** Names the namespace; no server address or credentials. */
  @Override
  public String toString() {
    return "RedisLimiterStore{namespace=" + namespace + "}";
  }
}
