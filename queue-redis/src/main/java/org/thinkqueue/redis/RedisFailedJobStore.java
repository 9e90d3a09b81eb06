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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.redis.internal.JedisVersion;
import org.thinkqueue.redis.internal.RedisErrors;
import org.thinkqueue.redis.internal.RedisScript;
import org.thinkqueue.spi.FailedJobStore;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Failed jobs kept in Redis (think-queue 3.x keeps them only in a database table). Keys, all in one
 * Cluster slot:
 *
 * <ul>
 *   <li>{@code {NAME}:seq}: the id counter;
 *   <li>{@code {NAME}:jobs}: a hash, id to a JSON record {@code
 *       {"id","connection","queue","payload","exception", "fail_time"}} ({@code fail_time} as
 *       think-queue writes it, {@code yyyy-MM-dd HH:mm:ss}, server zone);
 *   <li>{@code {NAME}:index}: a sorted set of ids scored by the id itself, for newest-first paging
 *       (an index an earlier version scored by time is rescored at the next record).
 * </ul>
 *
 * {@code NAME} defaults to {@code think-queue:failed}. Recording is one Lua script, so a record and
 * its index entry exist together or not at all. Redis failures come out as {@link
 * ConnectionException} (transient or not) or, for an error reply about the data, {@link
 * QueueDataException}. Thread-safe.
 */
public final class RedisFailedJobStore implements FailedJobStore {
  /** The default key name. */
  public static final String DEFAULT_NAME = "think-queue:failed";

  private static final RedisScript RECORD = RedisScript.load("failed-record");
  private static final RedisScript FORGET = RedisScript.load("failed-forget");
  private static final DateTimeFormatter FAIL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * Reads and writes the records only (flat string fields): no payload decoding, no type
   * information.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final UnifiedJedis redis;
  private final String seqKey;
  private final String jobsKey;
  private final String indexKey;
  private final Clock clock;

  /**
   * A store under {@value #DEFAULT_NAME} on the given client, {@code fail_time} in the system zone.
   *
   * @param redis the client; the caller keeps owning it and closes it
   * @throws ConfigurationException if {@code redis} is null, or if the Jedis on the classpath is
   *     older than queue-redis supports
   */
  public RedisFailedJobStore(UnifiedJedis redis) {
    this(redis, DEFAULT_NAME, Clock.systemDefaultZone());
  }

  /**
   * A store under the keys {@code {name}:seq}, {@code {name}:jobs} and {@code {name}:index}.
   *
   * @param redis the client; the caller keeps owning it and closes it
   * @param name the keys' common part: not blank, no braces (it becomes the Cluster hash tag)
   * @param clock the time and zone {@code fail_time} is written in
   * @throws ConfigurationException naming the setting if {@code redis} or {@code clock} is null or
   *     {@code name} is not a usable key name, or if the Jedis on the classpath is older than
   *     queue-redis supports
   */
  public RedisFailedJobStore(UnifiedJedis redis, String name, Clock clock) {
    if (redis == null) {
      throw new ConfigurationException("redis", null, "must not be null");
    }
    if (clock == null) {
      throw new ConfigurationException("clock", null, "must not be null");
    }
    if (name == null || name.isBlank() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new ConfigurationException("name", name, "a non-blank key name without braces");
    }
    JedisVersion.requireSupported();
    this.redis = redis;
    this.seqKey = "{" + name + "}:seq";
    this.jobsKey = "{" + name + "}:jobs";
    this.indexKey = "{" + name + "}:index";
    this.clock = clock;
  }

  @Override
  public String record(String connection, String queue, String payload, String exception) {
    Instant now = clock.instant();
    Map<String, String> record = new LinkedHashMap<>();
    // Nothing here may throw on a broken job: the failure path records whatever it has.
    record.put("connection", connection == null ? "" : connection);
    record.put("queue", queue == null ? "" : queue);
    record.put("payload", payload == null ? "" : payload);
    record.put("exception", exception == null ? "" : exception);
    record.put("fail_time", LocalDateTime.ofInstant(now, clock.getZone()).format(FAIL_TIME));
    record.put("failed_at_ms", Long.toString(now.toEpochMilli()));
    String json;
    try {
      json = MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Object id =
        call(
            () -> RECORD.run(redis, List.of(seqKey, jobsKey, indexKey), List.of(json)),
            "record into");
    return String.valueOf(id);
  }

  @Override
  public List<FailedJob> list(int offset, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<String> ids =
        call(
            () ->
                redis.zrange(
                    indexKey,
                    ZRangeParams.zrangeParams(
                            offset, (int) Math.min(Integer.MAX_VALUE, offset + limit - 1L))
                        .rev()),
            "list");
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> records = call(() -> redis.hmget(jobsKey, ids.toArray(String[]::new)), "list");
    List<FailedJob> out = new ArrayList<>(records.size());
    for (String r : records) {
      if (r != null) {
        out.add(parse(r));
      }
    }
    return out;
  }

  @Override
  public Optional<FailedJob> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String r = call(() -> redis.hget(jobsKey, id), "read");
    return r == null ? Optional.empty() : Optional.of(parse(r));
  }

  @Override
  public boolean forget(String id) {
    if (id == null) {
      return false;
    }
    Object removed =
        call(() -> FORGET.run(redis, List.of(jobsKey, indexKey), List.of(id)), "forget in");
    return removed instanceof Long && (Long) removed > 0;
  }

  @Override
  public void flush() {
    call(() -> redis.del(jobsKey, indexKey), "flush");
  }

  @Override
  public long count() {
    return call(() -> redis.zcard(indexKey), "count");
  }

  private FailedJob parse(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      long ms = n.path("failed_at_ms").asLong(0);
      Instant at =
          ms > 0
              ? Instant.ofEpochMilli(ms)
              : LocalDateTime.parse(n.path("fail_time").asText(), FAIL_TIME)
                  .atZone(ZoneId.systemDefault())
                  .toInstant();
      return new FailedJob(
          n.path("id").asText(),
          n.path("connection").asText(),
          n.path("queue").asText(),
          n.path("payload").asText(),
          n.path("exception").asText(),
          at);
    } catch (JsonProcessingException | RuntimeException e) {
      // The record holds a payload: say what is wrong with it, not what it contains.
      String where =
          e instanceof JsonProcessingException
                  && ((JsonProcessingException) e).getLocation() != null
              ? " at character " + ((JsonProcessingException) e).getLocation().getCharOffset()
              : "";
      throw new QueueDataException(
          "Unreadable failed-job record in "
              + jobsKey
              + " ("
              + json.length()
              + " characters, "
              + e.getClass().getSimpleName()
              + where
              + ")",
          e);
    }
  }

  private <T> T call(Supplier<T> op, String what) {
    return RedisErrors.call(op, what + " the failed-job store " + jobsKey);
  }

  /** Names the store by its keys' common part; no server address or credentials. */
  @Override
  public String toString() {
    return "RedisFailedJobStore{name="
        + seqKey.substring(1, seqKey.length() - "}:seq".length())
        + "}";
  }
}
