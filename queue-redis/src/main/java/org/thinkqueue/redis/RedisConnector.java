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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.redis.internal.AckBatcher;
import org.thinkqueue.redis.internal.JedisVersion;
import org.thinkqueue.redis.internal.NotifyWaiter;
import org.thinkqueue.redis.internal.PushAllScript;
import org.thinkqueue.redis.internal.RedisClientFactory;
import org.thinkqueue.redis.internal.RedisErrors;
import org.thinkqueue.redis.internal.RedisKeys;
import org.thinkqueue.redis.internal.RedisReservedJob;
import org.thinkqueue.redis.internal.RedisScript;
import org.thinkqueue.redis.internal.UniqueJobs;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.spi.Redaction;
import org.thinkqueue.spi.Reschedules;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import org.thinkqueue.spi.RetryAfter;
import org.thinkqueue.spi.UniquePush;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis driver, on Jedis, with think-queue's keys and payloads for the chosen {@link
 * WireFormat}: a PHP worker takes jobs a Java producer pushed and the reverse.
 *
 * <p>Where think-queue is not atomic, this is: reserving (migrate due and expired jobs, pop, bump
 * attempts, ZADD the reservation) and releasing are single Lua scripts; the attempts bump edits the
 * top-level number in place (or normalises or appends it when another producer wrote it otherwise),
 * so every other byte of the payload survives and every reservation is counted. Deletes from many
 * threads are coalesced into pipelined round trips. Idle workers wait on a bounded {@code :notify}
 * list that Java producers push a token to, for at most the time until the next delayed job is due,
 * so jobs pushed by PHP (without a token) are still found on time. Unique jobs ({@link UniquePush})
 * keep their key in {@code {queues:NAME}:unique:KEY}, taken by the push script and freed by the
 * delete script of a job that holds it.
 *
 * <p>Works on standalone Redis, Sentinel and Cluster clients ({@link
 * Builder#client(UnifiedJedis)}); on a Cluster, {@link WireFormat#V3} keys share a hash slot, and
 * {@link WireFormat#V1} needs a {@code {tag}} in the queue name. Thread-safe.
 */
public final class RedisConnector
    implements Connector,
        AwaitsWork,
        ExtendsReservations,
        RestartSignal,
        Reschedules,
        UniquePush,
        AtomicPush {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

  /** think-queue's default {@code retry_after}/{@code expire}: {@link RetryAfter#DEFAULT}. */
  public static final Duration DEFAULT_RETRY_AFTER = RetryAfter.DEFAULT;

  /** The longest one blocking wait lasts before the worker checks its stop conditions again. */
  public static final Duration DEFAULT_BLOCK_FOR = Duration.ofSeconds(1);

  /** think-queue's restart signal key (under the cache prefix). */
  public static final String RESTART_KEY = "think:queue:restart";

  /**
   * Wake-up tokens kept per queue; PHP-only consumers never read them, so the list must stay small.
   */
  private static final int NOTIFY_LENGTH = 16;

  private static final String NOTIFY_ARG = Integer.toString(NOTIFY_LENGTH);
  private static final RedisScript RESERVE = RedisScript.load("reserve", "attempts");
  private static final RedisScript RELEASE = RedisScript.load("release", "attempts");
  private static final RedisScript RESCHEDULE = RedisScript.load("reschedule", "attempts");
  private static final RedisScript PUSH = RedisScript.load("push");
  private static final RedisScript LATER = RedisScript.load("later");
  private static final RedisScript EXTEND = RedisScript.load("extend");
  private static final int BULK_CHUNK = 1000;
  private static final AtomicInteger ACK_THREADS = new AtomicInteger();

  private final UnifiedJedis redis;
  private final boolean ownsClient;
  private final boolean cluster;
  private final WireFormat format;
  private final Duration retryAfter;
  private final String restartKey;

  /** WireFormat's attempt rule as attempts.lua reads it. */
  private final String attemptRule;

  private final String retryArg;
  private final AckBatcher acks;
  private final NotifyWaiter waiter;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisConnector(Builder b, UnifiedJedis redis, boolean ownsClient) {
    this.redis = redis;
    this.ownsClient = ownsClient;
    this.cluster = isCluster(redis);
    this.format = b.format;
    this.retryAfter = b.retryAfter;
    this.restartKey = b.prefix + RESTART_KEY;
    this.attemptRule = format.bumpsOnReserve() ? "reserve" : "release";
    this.retryArg = retryAfter == null ? "-1" : seconds(retryAfter);
    this.acks = new AckBatcher(redis, "queue-redis-acks-" + ACK_THREADS.incrementAndGet());
    this.waiter = new NotifyWaiter(redis, format, cluster, b.blockFor);
  }

  /**
   * A cluster client: a {@code RedisClusterClient} (Jedis 7.1 on) or a {@code JedisCluster}, or a
   * subclass. By class name, as {@code RedisClusterClient} is absent before Jedis 7.1.
   */
  private static boolean isCluster(UnifiedJedis redis) {
    for (Class<?> c = redis.getClass(); c != null; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.equals("redis.clients.jedis.RedisClusterClient")
          || name.equals("redis.clients.jedis.JedisCluster")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return a builder with think-queue's defaults: {@code redis://127.0.0.1:6379/0}, {@link
   * WireFormat#V3}, 60 s}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The client this connector talks through, for operations tooling (reading keys, a {@link
   * RedisFailedJobStore} on the same server). Do not close it: the connector closes a client it
   * made in {@link #close()}, and a client handed to {@link Builder#client} stays its caller's to
   * close.
   *
   * @return the client, shared with the connector
   */
  public UnifiedJedis client() {
    return redis;
  }

  /**
   * {@return true if the client is a Redis Cluster client (queues must then keep their keys in one
   * hash slot)}
   */
  public boolean isCluster() {
    return cluster;
  }

  @Override
  public WireFormat wireFormat() {
    return format;
  }

  /** Always true: Redis payloads carry think-queue's {@code id} and {@code attempts}. */
  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return true;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    RedisKeys.checkSlot(cluster, format, queue);
    checkDue(delay);
    call(
        () ->
            delay.isZero() || delay.isNegative()
                ? PUSH.run(
                    redis,
                    List.of(RedisKeys.ready(format, queue), RedisKeys.notify(format, queue)),
                    List.of(NOTIFY_ARG, payload))
                : LATER.run(
                    redis,
                    List.of(RedisKeys.delayed(format, queue), RedisKeys.notify(format, queue)),
                    List.of(payload, seconds(delay), NOTIFY_ARG)),
        "push to",
        queue);
    return idOf(payload);
  }

  /**
   * Checks and takes the key {@code {queues:NAME}:unique:KEY} (1.x: {@code queues:NAME:unique:KEY})
   * and pushes in one script: its value is the job id, its TTL {@code lockFor} (Redis' clock). On a
   * Cluster the key shares the queue's hash slot (1.x: through the queue's {@code {tag}}).
   */
  @Override
  public Pushed pushUnique(
      String queue, String payload, Duration delay, String uniqueKey, Duration lockFor) {
    RedisKeys.checkSlot(cluster, format, queue);
    checkDue(delay);
    return UniqueJobs.push(
        redis,
        format,
        queue,
        uniqueKey,
        idOf(payload),
        payload,
        delay.isZero() || delay.isNegative() ? "0" : seconds(delay),
        lockFor,
        NOTIFY_ARG);
  }

  @Override
  public void releaseUnique(String queue, String uniqueKey, String jobId) {
    RedisKeys.checkSlot(cluster, format, queue);
    UniqueJobs.release(redis, format, queue, uniqueKey, jobId);
  }

  /** Pushes in chunks of 1,000 payloads, one script call (and one wake-up token) per chunk. */
  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    RedisKeys.checkSlot(cluster, format, queue);
    List<String> keys = List.of(RedisKeys.ready(format, queue), RedisKeys.notify(format, queue));
    for (int i = 0; i < payloads.size(); i += BULK_CHUNK) {
      List<String> chunk = payloads.subList(i, Math.min(payloads.size(), i + BULK_CHUNK));
      List<String> args = new ArrayList<>(chunk.size() + 1);
      args.add(NOTIFY_ARG);
      args.addAll(chunk);
      call(() -> PUSH.run(redis, keys, args), "bulk push to", queue);
    }
    List<String> ids = new ArrayList<>(payloads.size());
    for (String p : payloads) {
      ids.add(idOf(p));
    }
    return ids;
  }

  /**
   * One Lua script for every payload, all or none; on a Cluster every queue's keys must hash to one
   * slot (queue names starting with the same {@code {tag}}), else a {@link ConfigurationException}
   * names the queues.
   */
  @Override
  public List<String> pushAll(List<RawPush> pushes) {
    pushes.forEach(p -> checkDue(p.delay()));
    PushAllScript.run(redis, cluster, format, pushes, NOTIFY_ARG);
    List<String> ids = new ArrayList<>(pushes.size());
    for (RawPush p : pushes) {
      ids.add(idOf(p.payload()));
    }
    return ids;
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    if (max < 1) {
      return List.of();
    }
    RedisKeys.checkSlot(cluster, format, queue);
    // Binary: the reserved member must go back to Redis (ZREM, release, extend) as the exact bytes
    // it holds, even
    // when another producer wrote bytes that are not UTF-8. The script counted the reservation and
    // found the id:
    // nothing here reads the payload, whatever its size.
    Object reply =
        call(
            () ->
                RESERVE.runBinary(
                    redis,
                    bytes(
                        RedisKeys.ready(format, queue),
                        RedisKeys.delayed(format, queue),
                        RedisKeys.reserved(format, queue)),
                    bytes(retryArg, Integer.toString(max), attemptRule)),
            "reserve from",
            queue);
    return RedisReservedJob.fromReserveReply(queue, (List<?>) reply);
  }

  /**
   * A plain job's delete is a ZREM batched with other threads'; a unique job's ({@code uniqueKey}
   * in its payload) is a script that also frees its key if it holds it, on the calling thread.
   */
  @Override
  public void delete(ReservedJob job) {
    RedisReservedJob j = (RedisReservedJob) job;
    String uniqueKey = uniqueKeyOf(j);
    if (uniqueKey != null) {
      UniqueJobs.delete(redis, format, j.queue(), uniqueKey, j.member(), j.id());
      return;
    }
    try {
      acks.zrem(RedisKeys.reserved(format, j.queue()), j.member()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectionException.transientFailure(
          "Interrupted while deleting " + j.describe() + " from queue '" + j.queue() + "'", e);
    } catch (ExecutionException e) {
      throw wrap(e.getCause(), "delete from", j.queue());
    } catch (TimeoutException e) {
      throw ConnectionException.transientFailure(
          "Timed out deleting " + j.describe() + " from queue '" + j.queue() + "'", e);
    }
  }

  /**
   * Queues the delete for the next pipelined batch of deletes; a unique job's runs its script at
   * once ({@link #delete}).
   */
  @Override
  public CompletableFuture<Void> deleteAsync(ReservedJob job) {
    RedisReservedJob j = (RedisReservedJob) job;
    if (uniqueKeyOf(j) != null) {
      return Connector.super.deleteAsync(job);
    }
    return acks.zrem(RedisKeys.reserved(format, j.queue()), j.member())
        .handle(
            (removed, e) -> {
              if (e != null) {
                throw wrap(e, "delete from", j.queue());
              }
              return null;
            });
  }

  /**
   * Ends the reservation and schedules the job again in one script; an expired reservation is left
   * alone.
   */
  @Override
  public void release(ReservedJob job, Duration delay) {
    RedisReservedJob j = (RedisReservedJob) job;
    checkDue(delay);
    call(
        () ->
            RELEASE.runBinary(
                redis,
                bytes(
                    RedisKeys.reserved(format, j.queue()),
                    RedisKeys.delayed(format, j.queue()),
                    RedisKeys.notify(format, j.queue())),
                List.of(j.member(), utf8(seconds(delay)), utf8(attemptRule), utf8(NOTIFY_ARG))),
        "release to",
        j.queue());
  }

  /**
   * Ends the reservation and schedules the job again in one script ({@code reschedule.lua}), its
   * attempts set by the wire format's rule from the reserved copy; an expired reservation is left
   * alone.
   */
  @Override
  public void reschedule(
      ReservedJob job, Duration delay, String newPayload, boolean refundAttempt) {
    RedisReservedJob j = (RedisReservedJob) job;
    checkDue(delay);
    call(
        () ->
            RESCHEDULE.runBinary(
                redis,
                bytes(
                    RedisKeys.reserved(format, j.queue()),
                    RedisKeys.delayed(format, j.queue()),
                    RedisKeys.notify(format, j.queue())),
                List.of(
                    j.member(),
                    utf8(seconds(delay)),
                    utf8(attemptRule),
                    utf8(NOTIFY_ARG),
                    utf8(refundAttempt ? "1" : "0"),
                    utf8(newPayload == null ? "0" : "1"),
                    newPayload == null ? new byte[0] : utf8(newPayload))),
        "reschedule to",
        j.queue());
  }

  @Override
  public boolean extend(ReservedJob job) {
    if (retryAfter == null) {
      return true;
    }
    RedisReservedJob j = (RedisReservedJob) job;
    Object r =
        call(
            () ->
                EXTEND.runBinary(
                    redis,
                    bytes(RedisKeys.reserved(format, j.queue())),
                    List.of(j.member(), utf8(retryArg))),
            "extend a reservation in",
            j.queue());
    return r instanceof Long && (Long) r == 1L;
  }

  @Override
  public QueueSize size(String queue) {
    RedisKeys.checkSlot(cluster, format, queue);
    return call(
        () -> {
          try (AbstractPipeline p = RedisClientFactory.pipelined(redis)) {
            Response<Long> ready = p.llen(RedisKeys.ready(format, queue));
            Response<Long> delayed = p.zcard(RedisKeys.delayed(format, queue));
            Response<Long> reserved = p.zcard(RedisKeys.reserved(format, queue));
            p.sync();
            return new QueueSize(ready.get(), delayed.get(), reserved.get());
          }
        },
        "count",
        queue);
  }

  /**
   * Blocks on the queues' wake-up lists for at most {@code timeout}, and never past the time the
   * next delayed job or expiring reservation is due.
   */
  @Override
  public void awaitWork(List<String> queues, Duration timeout) throws InterruptedException {
    waiter.awaitWork(queues, timeout);
  }

  @Override
  public Optional<String> lastRestart() {
    return Optional.ofNullable(call(() -> redis.get(restartKey), "read", restartKey));
  }

  @Override
  public void signalRestart() {
    String now = Long.toString(System.currentTimeMillis() / 1000);
    call(() -> redis.set(restartKey, now), "write", restartKey);
  }

  /**
   * {@return a failed-job store on this connector's client, under {@value
   * RedisFailedJobStore#DEFAULT_NAME}}
   */
  public RedisFailedJobStore failedJobStore() {
    return new RedisFailedJobStore(redis);
  }

  /**
   * {@link #failedJobStore()}: the default for a manager whose default connection this is (kept in
   * Redis).
   */
  @Override
  public Optional<FailedJobStore> defaultFailedJobStore() {
    return Optional.of(failedJobStore());
  }

  /**
   * {@return the key the restart signal lives under (think-queue's {@code think:queue:restart}
   * after the prefix)}
   */
  public String restartKey() {
    return restartKey;
  }

  /** Sends pending deletes, then closes the client if this connector made it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      acks.close();
      if (ownsClient) {
        redis.close();
      }
    }
  }

  /**
   * A due time the wire format can hold (the producer checks too; this guards the SPI and
   * releases).
   */
  private static void checkDue(Duration delay) {
    if (delay.compareTo(Duration.between(Instant.now(), QueueConnection.LATEST_DUE_TIME)) > 0) {
      throw InvalidDelayException.tooLate(delay, QueueConnection.LATEST_DUE_TIME);
    }
  }

  /** The payload's unique key if the job can free it (it has an id), else null. */
  private static String uniqueKeyOf(RedisReservedJob j) {
    return j.id() == null ? null : UniquePush.keyOf(j.rawBody());
  }

  private static String idOf(String payload) {
    // Our payloads end with ,"id":"<32 chars>","attempts":N}; read the id there without parsing the
    // rest.
    int at = payload.lastIndexOf(",\"id\":\"");
    if (at > 0) {
      int start = at + 7;
      int end = payload.indexOf('"', start);
      if (end > start && payload.startsWith(",\"attempts\":", end + 1)) {
        return payload.substring(start, end);
      }
    }
    try {
      String id = Payload.parse(payload).id();
      return id == null ? "" : id;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static <T> T call(Supplier<T> op, String what, String queue) {
    return RedisErrors.call(op, what + " '" + queue + "'");
  }

  private static RuntimeException wrap(Throwable e, String what, String queue) {
    return RedisErrors.wrap(
        e instanceof RuntimeException ? (RuntimeException) e : new JedisException(e),
        what + " '" + queue + "'");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<byte[]> bytes(String... strings) {
    List<byte[]> out = new ArrayList<>(strings.length);
    for (String s : strings) {
      out.add(utf8(s));
    }
    return out;
  }

  private static String seconds(Duration d) {
    return d.isNegative() ? "0" : String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /**
   * Settings of a {@link RedisConnector}, named as think-queue's Redis connection config where they
   * exist. Either the connection settings ({@link #uri} or host, port..., credentials, TLS) or a
   * {@link #client}, not both. Setters validate at once and throw {@link ConfigurationException}
   * naming the setting and the value. Not thread-safe.
   */
  public static final class Builder {
    private final RedisClientFactory connection = new RedisClientFactory();
    private UnifiedJedis client;
    private WireFormat format = WireFormat.V3;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Duration blockFor = DEFAULT_BLOCK_FOR;
    private String prefix = "";
    private boolean checkEviction = true;

    private Builder() {}

    /**
     * {@code redis://[user:password@]host:port/db} or {@code rediss://...} for TLS; wins over
     * {@link #host}, {@link #port}, {@link #select} and, for what it names, {@link #user} and
     * {@link #password}.
     *
     * @param uri the server's URI; a malformed one is refused by {@link #build()}, its password
     *     masked
     * @return this builder
     */
    public Builder uri(String uri) {
      connection.uri(uri);
      return this;
    }

    /**
     * think-queue's {@code host} (used when no {@link #uri} is given; default {@code 127.0.0.1}).
     *
     * @param host a host name or address
     * @return this builder
     */
    public Builder host(String host) {
      connection.host(host);
      return this;
    }

    /**
     * think-queue's {@code port} (default 6379).
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      connection.port(port);
      return this;
    }

    /**
     * ACL user name (Redis 6+).
     *
     * @param user the user; empty or {@code null} = the default user
     * @return this builder
     */
    public Builder user(String user) {
      connection.user(user);
      return this;
    }

    /**
     * think-queue's {@code password}.
     *
     * @param password the password; empty or {@code null} = none
     * @return this builder
     */
    public Builder password(String password) {
      connection.password(password);
      return this;
    }

    /**
     * think-queue's {@code select}: the database number (default 0).
     *
     * @param db 0 or more
     * @return this builder
     */
    public Builder select(int db) {
      connection.select(db);
      return this;
    }

    /**
     * think-queue's {@code timeout}: connect and read timeout (default 2 s).
     *
     * @param timeout zero (PHP's "unlimited") or positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      connection.timeout(timeout);
      return this;
    }

    /**
     * Connections in the pool (default 16): the poll thread, the ack thread and producers share
     * them.
     *
     * @param poolSize at least 2
     * @return this builder
     */
    public Builder poolSize(int poolSize) {
      connection.poolSize(poolSize);
      return this;
    }

    /**
     * Connects with TLS (as a {@code rediss://} URI does) when no {@link #uri} is given. Any other
     * TLS option turns TLS on too. Host-name verification is on unless you hand in a {@link
     * #hostnameVerifier} or {@link #sslParameters} that say otherwise.
     *
     * @param tls true for TLS
     * @return this builder
     */
    public Builder tls(boolean tls) {
      connection.tls(tls);
      return this;
    }

    /**
     * The certificates to trust instead of the JVM's default trust store. The store is read by
     * {@link #build()}, which names the path (never the password) if it cannot be read.
     *
     * @param path a PKCS12 or JKS file (the type is read from the file)
     * @param password the store's password, or {@code null}; copied
     * @return this builder
     */
    public Builder trustStore(Path path, char[] password) {
      connection.trustStore(path, password);
      return this;
    }

    /**
     * A client certificate and key for servers that require one ({@code tls-auth-clients yes}).
     *
     * @param path a PKCS12 or JKS file
     * @param password the store's (and key's) password, or {@code null}; copied
     * @return this builder
     */
    public Builder keyStore(Path path, char[] password) {
      connection.keyStore(path, password);
      return this;
    }

    /**
     * A socket factory from the caller's own {@code SSLContext}; not together with a trust or key
     * store.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      connection.sslSocketFactory(factory);
      return this;
    }

    /**
     * Protocols, cipher suites, SNI... for the TLS handshake. A copy is used; if it has no endpoint
     * identification algorithm and no {@link #hostnameVerifier} is set, {@code HTTPS} host-name
     * verification is added.
     *
     * @param parameters the parameters
     * @return this builder
     */
    public Builder sslParameters(SSLParameters parameters) {
      connection.sslParameters(parameters);
      return this;
    }

    /**
     * Also checks the server's certificate with this verifier. Jedis' HTTPS endpoint identification
     * runs as well unless {@link #sslParameters} name another algorithm: a verifier can make the
     * check stricter, not looser.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder hostnameVerifier(HostnameVerifier verifier) {
      connection.hostnameVerifier(verifier);
      return this;
    }

    /**
     * A client the caller owns and closes: a {@code RedisClient} (Jedis 7.1 on) or {@code
     * JedisPooled} (before Jedis 8), a Sentinel client, or a {@code RedisClusterClient} or {@code
     * JedisCluster}. Not together with the connection settings ({@link #build()} refuses both
     * rather than ignore either).
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(UnifiedJedis client) {
      if (client == null) {
        throw new ConfigurationException("client", null, "must not be null");
      }
      this.client = client;
      return this;
    }

    /**
     * The think-queue generation whose keys and payloads to use (default {@link WireFormat#V3}).
     *
     * @param format V1 or V3
     * @return this builder
     */
    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "V1 or V3");
      }
      this.format = format;
      return this;
    }

    /**
     * The reservation timeout (think-queue's {@code retry_after}), default {@link
     * #DEFAULT_RETRY_AFTER}: the rule of {@link RetryAfter#check}.
     *
     * @param retryAfter whole seconds, at least {@link Connector#MIN_RETRY_AFTER}; {@code null} =
     *     never expires
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = RetryAfter.check(retryAfter);
      return this;
    }

    /**
     * think-queue 1.x's name for {@link #retryAfter}.
     *
     * @param expire as for {@link #retryAfter}
     * @return this builder
     */
    public Builder expire(Duration expire) {
      return retryAfter(expire);
    }

    /**
     * The longest one blocking wait lasts (think-queue's {@code block_for}); default {@link
     * #DEFAULT_BLOCK_FOR}.
     *
     * @param blockFor at least 10 ms
     * @return this builder
     */
    public Builder blockFor(Duration blockFor) {
      if (blockFor == null || blockFor.toMillis() < 10) {
        throw new ConfigurationException("blockFor", blockFor, "at least 10 ms");
      }
      this.blockFor = blockFor;
      return this;
    }

    /**
     * Prefix of the restart key, as the PHP app's cache prefix (default none: {@code
     * think:queue:restart}).
     *
     * @param prefix the prefix; {@code null} = none
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null ? "" : prefix;
      return this;
    }

    /**
     * Whether to WARN at start when {@code maxmemory-policy} is not {@code noeviction} (default
     * true).
     *
     * @param check false to skip the check
     * @return this builder
     */
    public Builder checkEviction(boolean check) {
      this.checkEviction = check;
      return this;
    }

    /**
     * Connects (when not given a client) and checks the server answers.
     *
     * @return a connector; the caller closes it
     * @throws ConfigurationException for a malformed URI, an unreadable trust or key store, a
     *     {@link #client} given together with connection settings (naming them), or a Jedis on the
     *     classpath that queue-redis does not run on (naming its version, the versions supported
     *     and the {@code jedis.version} property that sets it under Spring Boot)
     * @throws ConnectionException if the server cannot be reached or refuses the credentials
     */
    public RedisConnector build() {
      JedisVersion.requireSupported();
      try {
        return connect();
      } catch (IncompatibleClassChangeError | NoClassDefFoundError e) {
        // NoSuchMethodError and the like: a Jedis that lacks what we link against
        throw JedisVersion.incompatible(e);
      }
    }

    private RedisConnector connect() {
      List<String> settings = connection.givenSettings();
      if (client != null && !settings.isEmpty()) {
        throw new ConfigurationException(
            "client",
            client.getClass().getSimpleName(),
            "given together with "
                + String.join(", ", settings)
                + ": a client brings its own connection; drop one or the other");
      }
      String where = client == null ? connection.address() : "the given client";
      UnifiedJedis redis = client == null ? connection.open(blockFor) : client;
      RedisConnector connector = new RedisConnector(this, redis, client == null);
      try {
        RedisClientFactory.ping(redis, where);
      } catch (ConnectionException e) {
        connector.close();
        throw e;
      }
      if (checkEviction) {
        RedisClientFactory.warnAboutEviction(redis);
      }
      LOG.info(
          "Redis connector ready: {}, wireFormat={}, retryAfter={}, cluster={}",
          Redaction.secrets(where),
          format,
          retryAfter,
          connector.cluster);
      return connector;
    }
  }
}
