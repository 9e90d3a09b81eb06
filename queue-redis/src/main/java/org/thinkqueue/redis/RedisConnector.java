package org.thinkqueue.redis;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Redaction;
import org.thinkqueue.redis.internal.AckBatcher;
import org.thinkqueue.redis.internal.RedisKeys;
import org.thinkqueue.redis.internal.RedisScript;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.spi.RestartSignal;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.InvalidURIException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;
import redis.clients.jedis.util.KeyValue;

/**
 * The Redis driver, on Jedis, with think-queue's keys and payloads for the chosen {@link WireFormat}: a PHP worker
 * takes jobs a Java producer pushed and the reverse.
 *
 * <p>Where think-queue is not atomic, this is: reserving (migrate due and expired jobs, pop, bump attempts, ZADD the
 * reservation) and releasing are single Lua scripts; the attempts bump edits the top-level number in place (or
 * normalises or appends it when another producer wrote it otherwise), so every other byte of the payload survives
 * and every reservation is counted. Deletes from many threads are coalesced into pipelined round trips. Idle workers wait
 * on a bounded {@code :notify} list that Java producers push a token to, for at most the time until the next delayed
 * job is due, so jobs pushed by PHP (without a token) are still found on time.
 *
 * <p>Works on standalone Redis, Sentinel and Cluster clients ({@link Builder#client(UnifiedJedis)}); on a Cluster,
 * {@link WireFormat#V3} keys share a hash slot, and {@link WireFormat#V1} needs a {@code {tag}} in the queue name.
 * Thread-safe.
 */
public final class RedisConnector implements Connector, AwaitsWork, ExtendsReservations, RestartSignal {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

  /** think-queue's default {@code retry_after}/{@code expire}. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  /** The longest one blocking wait lasts before the worker checks its stop conditions again. */
  public static final Duration DEFAULT_BLOCK_FOR = Duration.ofSeconds(1);
  /** Wake-up tokens kept per queue; PHP-only consumers never read them, so the list must stay small. */
  public static final int NOTIFY_LENGTH = 16;
  /** think-queue's restart signal key (under the cache prefix). */
  public static final String RESTART_KEY = "think:queue:restart";

  private static final RedisScript RESERVE = RedisScript.load("reserve", "attempts");
  private static final RedisScript RELEASE = RedisScript.load("release", "attempts");
  private static final RedisScript PUSH = RedisScript.load("push");
  private static final RedisScript LATER = RedisScript.load("later");
  private static final RedisScript EXTEND = RedisScript.load("extend");
  private static final RedisScript AWAIT = RedisScript.load("await");
  private static final int BULK_CHUNK = 1000;
  /** Redis checks blocked clients' timeouts on its tick: 100 ms at the default hz 10. */
  private static final long SERVER_TICK_MILLIS = 100;
  private static final AtomicInteger ACK_THREADS = new AtomicInteger();

  private final UnifiedJedis redis;
  private final boolean ownsClient;
  private final boolean cluster;
  private final WireFormat format;
  private final Duration retryAfter;
  private final Duration blockFor;
  private final String restartKey;
  private final String formatArg;
  private final String retryArg;
  private final PayloadCodec codec = PayloadCodec.shared();
  private final AckBatcher acks;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger rotation = new AtomicInteger();

  @SuppressWarnings("deprecation") // JedisCluster is deprecated but still handed in by users
  private RedisConnector(Builder b, UnifiedJedis redis, boolean ownsClient) {
    this.redis = redis;
    this.ownsClient = ownsClient;
    this.cluster = redis instanceof RedisClusterClient || redis instanceof JedisCluster;
    this.format = b.format;
    this.retryAfter = b.retryAfter;
    this.blockFor = b.blockFor;
    this.restartKey = b.prefix + RESTART_KEY;
    this.formatArg = format == WireFormat.V1 ? "1" : "3";
    this.retryArg = retryAfter == null ? "-1" : seconds(retryAfter);
    this.acks = new AckBatcher(redis, "queue-redis-acks-" + ACK_THREADS.incrementAndGet());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The client this connector uses (for tests and operations tooling). */
  public UnifiedJedis client() {
    return redis;
  }

  public boolean isCluster() {
    return cluster;
  }

  @Override
  public WireFormat wireFormat() {
    return format;
  }

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
    checkSlot(queue);
    checkDue(delay);
    call(() -> delay.isZero() || delay.isNegative()
        ? PUSH.run(redis, List.of(RedisKeys.ready(format, queue), RedisKeys.notify(format, queue)),
            List.of(Integer.toString(NOTIFY_LENGTH), payload))
        : LATER.run(redis, List.of(RedisKeys.delayed(format, queue), RedisKeys.notify(format, queue)),
            List.of(payload, seconds(delay), Integer.toString(NOTIFY_LENGTH))), "push to", queue);
    return idOf(payload);
  }

  @Override
  public List<String> bulkRaw(String queue, List<String> payloads) {
    checkSlot(queue);
    List<String> keys = List.of(RedisKeys.ready(format, queue), RedisKeys.notify(format, queue));
    List<String> ids = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i += BULK_CHUNK) {
      List<String> chunk = payloads.subList(i, Math.min(payloads.size(), i + BULK_CHUNK));
      List<String> args = new ArrayList<>(chunk.size() + 1);
      args.add(Integer.toString(NOTIFY_LENGTH));
      args.addAll(chunk);
      call(() -> PUSH.run(redis, keys, args), "bulk push to", queue);
    }
    for (String p : payloads) {
      ids.add(idOf(p));
    }
    return ids;
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    if (max < 1) {
      return List.of();
    }
    checkSlot(queue);
    // Binary: the reserved member must go back to Redis (ZREM, release, extend) as the exact bytes it holds, even
    // when another producer wrote bytes that are not UTF-8.
    Object reply = call(() -> RESERVE.runBinary(redis,
        bytes(RedisKeys.ready(format, queue), RedisKeys.delayed(format, queue), RedisKeys.reserved(format, queue)),
        bytes(retryArg, Integer.toString(max), formatArg)), "reserve from", queue);
    List<?> items = (List<?>) reply;
    if (items.isEmpty()) {
      return List.of();
    }
    // The script counted the reservation and found the id: nothing here reads the payload, whatever its size. It
    // sends the reserved member as an edit of the original, so a big payload crosses the network once.
    List<ReservedJob> jobs = new ArrayList<>(items.size() / 6);
    for (int i = 0; i + 5 < items.size(); i += 6) {
      byte[] original = (byte[]) items.get(i);
      byte[] member = edited(original, (Long) items.get(i + 1), (Long) items.get(i + 2), (byte[]) items.get(i + 3));
      long counted = items.get(i + 4) instanceof Long ? (Long) items.get(i + 4) : 1L;
      int attempts = (int) Math.max(1, Math.min(Integer.MAX_VALUE, counted));
      jobs.add(new RedisReservedJob(queue, text(original), member, attempts, idFromToken(text(items.get(i + 5)))));
    }
    return jobs;
  }

  @Override
  public void delete(ReservedJob job) {
    RedisReservedJob j = (RedisReservedJob) job;
    try {
      acks.zrem(RedisKeys.reserved(format, j.queue()), j.member).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("Interrupted while deleting " + describe(j) + " from queue '" + j.queue() + "'",
          e, true);
    } catch (ExecutionException e) {
      throw wrap(e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
          : new JedisException(e.getCause()), "delete from", j.queue());
    } catch (TimeoutException e) {
      throw new ConnectionException("Timed out deleting " + describe(j) + " from queue '" + j.queue() + "'", e,
          true);
    }
  }

  @Override
  public java.util.concurrent.CompletableFuture<Void> deleteAsync(ReservedJob job) {
    RedisReservedJob j = (RedisReservedJob) job;
    return acks.zrem(RedisKeys.reserved(format, j.queue()), j.member).handle((removed, e) -> {
      if (e != null) {
        throw wrap(e instanceof RuntimeException ? (RuntimeException) e : new JedisException(e), "delete from",
            j.queue());
      }
      return null;
    });
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    RedisReservedJob j = (RedisReservedJob) job;
    checkDue(delay);
    call(() -> RELEASE.runBinary(redis,
        bytes(RedisKeys.reserved(format, j.queue()), RedisKeys.delayed(format, j.queue()),
            RedisKeys.notify(format, j.queue())),
        List.of(j.member, utf8(seconds(delay)), utf8(formatArg), utf8(Integer.toString(NOTIFY_LENGTH)))),
        "release to", j.queue());
  }

  @Override
  public boolean extend(ReservedJob job) {
    if (retryAfter == null) {
      return true;
    }
    RedisReservedJob j = (RedisReservedJob) job;
    Object r = call(() -> EXTEND.runBinary(redis, bytes(RedisKeys.reserved(format, j.queue())),
        List.of(j.member, utf8(retryArg))), "extend a reservation in", j.queue());
    return r instanceof Long && (Long) r == 1L;
  }

  @Override
  public QueueSize size(String queue) {
    checkSlot(queue);
    return call(() -> {
      try (AbstractPipeline p = redis.pipelined()) {
        Response<Long> ready = p.llen(RedisKeys.ready(format, queue));
        Response<Long> delayed = p.zcard(RedisKeys.delayed(format, queue));
        Response<Long> reserved = p.zcard(RedisKeys.reserved(format, queue));
        p.sync();
        return new QueueSize(ready.get(), delayed.get(), reserved.get());
      }
    }, "count", queue);
  }

  @Override
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
      long wait = Math.min(left, blockFor.toMillis());
      for (String queue : queues) {
        checkSlot(queue);
        String cap = Long.toString(wait);
        long w = (Long) call(() -> AWAIT.run(redis,
            List.of(RedisKeys.ready(format, queue), RedisKeys.delayed(format, queue),
                RedisKeys.reserved(format, queue)),
            List.of(cap)), "wait on", queue);
        if (w < 0) {
          return;
        }
        wait = Math.min(wait, w);
      }
      if (wait <= 0) {
        return;
      }
      if (wait < SERVER_TICK_MILLIS + 50) {
        // BLPOP timeouts fire on the server's clock tick (hz 10: every 100 ms); wait out the last stretch to a due
        // job here so it starts on time.
        TimeUnit.MILLISECONDS.sleep(wait);
        return;
      }
      wait -= SERVER_TICK_MILLIS;
      String[] notify;
      if (!cluster || queues.size() == 1) {
        notify = queues.stream().map(q -> RedisKeys.notify(format, q)).toArray(String[]::new);
      } else {
        // Keys of several queues live in different slots: wait on one at a time, briefly.
        notify = new String[] {RedisKeys.notify(format,
            queues.get(Math.floorMod(rotation.getAndIncrement(), queues.size())))};
        wait = Math.min(wait, 100);
      }
      double secs = Math.max(0.01, wait / 1000.0);
      KeyValue<String, String> token = call(() -> redis.blpop(secs, notify), "wait on", queues.get(0));
      if (token != null) {
        return;
      }
    }
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

  /** A failed-job store on this connector's client, under {@value RedisFailedJobStore#DEFAULT_NAME}. */
  public RedisFailedJobStore failedJobStore() {
    return new RedisFailedJobStore(redis);
  }

  /** The key the restart signal lives under (think-queue's {@code think:queue:restart} after the prefix). */
  public String restartKey() {
    return restartKey;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      acks.close();
      if (ownsClient) {
        redis.close();
      }
    }
  }

  /** A due time the wire format can hold (the producer checks too; this guards the SPI and releases). */
  private static void checkDue(Duration delay) {
    if (delay.compareTo(Duration.between(java.time.Instant.now(), QueueConnection.LATEST_DUE_TIME)) > 0) {
      throw InvalidDelayException.tooLate(delay, QueueConnection.LATEST_DUE_TIME);
    }
  }

  private void checkSlot(String queue) {
    if (cluster && !RedisKeys.sameSlot(format, queue)) {
      throw new ConfigurationException("wireFormat", format, "queue '" + queue + "' on a Redis Cluster: V1 keys "
          + "queues:" + queue + ", :delayed and :reserved hash to different slots; use WireFormat.V3 or put a "
          + "{tag} in the queue name, e.g. '{" + queue + "}'");
    }
  }

  /** The reserve script's edit: bytes {@code from..to} (1-based, inclusive; {@code from = 0}: none) replaced. */
  private static byte[] edited(byte[] original, long from, long to, byte[] text) {
    if (from <= 0) {
      return original;
    }
    int head = (int) from - 1;
    int tail = (int) to;
    byte[] out = new byte[head + text.length + (original.length - tail)];
    System.arraycopy(original, 0, out, 0, head);
    System.arraycopy(text, 0, out, head, text.length);
    System.arraycopy(original, tail, out, head + text.length, original.length - tail);
    return out;
  }

  private static String describe(RedisReservedJob j) {
    return j.id() == null ? "a job without a readable id" : "job " + j.id();
  }

  /** The id from the reserve script's raw JSON token: a string's text, a number's digits, else null. */
  static String idFromToken(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.charAt(0) == '"') {
      if (token.length() < 2 || token.charAt(token.length() - 1) != '"') {
        return null;
      }
      if (token.indexOf('\\') < 0) {
        return token.length() == 2 ? null : token.substring(1, token.length() - 1);
      }
      try {
        String id = PayloadCodec.shared().mapper().readValue(token, String.class);
        return id == null || id.isEmpty() ? null : id;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
    return token.matches("-?[0-9]{1,40}") ? token : null;
  }

  private String idOf(String payload) {
    // Our payloads end with ,"id":"<32 chars>","attempts":N}; read the id there without parsing the rest.
    int at = payload.lastIndexOf(",\"id\":\"");
    if (at > 0) {
      int start = at + 7;
      int end = payload.indexOf('"', start);
      if (end > start && payload.startsWith(",\"attempts\":", end + 1)) {
        return payload.substring(start, end);
      }
    }
    try {
      String id = codec.decode(payload).id();
      return id == null ? "" : id;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private <T> T call(Supplier<T> op, String what, String queue) {
    try {
      return op.get();
    } catch (JedisException e) {
      throw wrap(e, what, queue);
    }
  }

  private static RuntimeException wrap(RuntimeException e, String what, String queue) {
    return RedisErrors.wrap(e, what + " '" + queue + "'");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<byte[]> bytes(String... strings) {
    List<byte[]> out = new ArrayList<>(strings.length);
    for (String s : strings) {
      out.add(utf8(s));
    }
    return out;
  }

  private static String text(Object o) {
    return o instanceof byte[] ? new String((byte[]) o, java.nio.charset.StandardCharsets.UTF_8) : (String) o;
  }

  private static String seconds(Duration d) {
    return d.isNegative() ? "0" : String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  private void warnAboutEviction() {
    try {
      Map<String, String> policy = redis.configGet("maxmemory-policy");
      String value = policy.get("maxmemory-policy");
      if (value != null && !"noeviction".equals(value)) {
        LOG.warn("Redis maxmemory-policy is '{}': when memory runs out Redis evicts keys, queued jobs included, "
            + "without a trace. Set maxmemory-policy noeviction on a server that holds queues.", value);
      }
    } catch (RuntimeException e) {
      LOG.debug("Could not read maxmemory-policy (CONFIG may be disabled): {}", e.toString());
    }
  }

  /** A reservation: the popped string (think-queue's raw body) and the exact member ZADDed to {@code :reserved}. */
  static final class RedisReservedJob extends ReservedJob {
    final byte[] member;
    private final String id;

    RedisReservedJob(String queue, String original, byte[] member, int attempts, String id) {
      super(queue, original, attempts);
      this.member = member;
      this.id = id;
    }

    /** The exact {@code :reserved} member, as text (lossy if another producer wrote bytes that are not UTF-8). */
    String member() {
      return new String(member, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The payload's top-level {@code id} as the reserve script found it; {@code null} if it has none. */
    @Override
    public String id() {
      return id;
    }
  }

  /** Settings of a {@link RedisConnector}, named as think-queue's Redis connection config where they exist. */
  public static final class Builder {
    private String uri;
    private String host;
    private int port = 6379;
    private String user;
    private String password;
    private int select;
    private Duration timeout = Duration.ofSeconds(2);
    private int poolSize = 16;
    private UnifiedJedis client;
    private WireFormat format = WireFormat.V3;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Duration blockFor = DEFAULT_BLOCK_FOR;
    private String prefix = "";
    private boolean checkEviction = true;
    private boolean tls;
    private SSLSocketFactory sslSocketFactory;
    private SSLParameters sslParameters;
    private HostnameVerifier hostnameVerifier;
    private Path trustStore;
    private char[] trustStorePassword;
    private Path keyStore;
    private char[] keyStorePassword;

    private Builder() {}

    /** {@code redis://[user:password@]host:port/db} or {@code rediss://...} for TLS. */
    public Builder uri(String uri) {
      if (uri == null || uri.isBlank()) {
        throw new ConfigurationException("uri", uri, "a redis:// or rediss:// URI");
      }
      this.uri = uri;
      return this;
    }

    /** think-queue's {@code host} (used when no {@link #uri} is given). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** think-queue's {@code port}. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new ConfigurationException("port", port, "between 1 and 65535");
      }
      this.port = port;
      return this;
    }

    /** ACL user name (Redis 6+). */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** think-queue's {@code password}; empty = none. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** think-queue's {@code select}: the database number. */
    public Builder select(int db) {
      if (db < 0) {
        throw new ConfigurationException("select", db, "a database number, 0 or more");
      }
      this.select = db;
      return this;
    }

    /** think-queue's {@code timeout}: connect and read timeout (default 2 s; zero = PHP's "unlimited"). */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new ConfigurationException("timeout", timeout, "zero or positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Connections in the pool (default 16): the poll thread, the ack thread and producers share them. */
    public Builder poolSize(int poolSize) {
      if (poolSize < 2) {
        throw new ConfigurationException("poolSize", poolSize, "at least 2");
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * A client the caller owns and closes: {@link RedisClient}, a Sentinel client or a {@link RedisClusterClient}.
     * Takes precedence over the connection settings.
     */
    public Builder client(UnifiedJedis client) {
      if (client == null) {
        throw new ConfigurationException("client", null, "must not be null");
      }
      this.client = client;
      return this;
    }

    public Builder wireFormat(WireFormat format) {
      if (format == null) {
        throw new ConfigurationException("wireFormat", null, "V1 or V3");
      }
      this.format = format;
      return this;
    }

    /**
     * The reservation timeout (think-queue's {@code retry_after}); {@code null} = never expires. Default 60 s, at
     * least {@link Connector#MIN_RETRY_AFTER}.
     */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter != null && retryAfter.compareTo(Connector.MIN_RETRY_AFTER) < 0) {
        throw new ConfigurationException("retryAfter", retryAfter,
            "at least " + Connector.MIN_RETRY_AFTER.toSeconds() + " seconds, or null for never");
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /** think-queue 1.x's name for {@link #retryAfter}. */
    public Builder expire(Duration expire) {
      return retryAfter(expire);
    }

    /** The longest one blocking wait lasts (think-queue's {@code block_for}); default 1 s. */
    public Builder blockFor(Duration blockFor) {
      if (blockFor == null || blockFor.toMillis() < 10) {
        throw new ConfigurationException("blockFor", blockFor, "at least 10 ms");
      }
      this.blockFor = blockFor;
      return this;
    }

    /** Prefix of the restart key, as the PHP app's cache prefix (default none: {@code think:queue:restart}). */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null ? "" : prefix;
      return this;
    }

    /** Whether to WARN at start when {@code maxmemory-policy} is not {@code noeviction} (default true). */
    public Builder checkEviction(boolean check) {
      this.checkEviction = check;
      return this;
    }

    /**
     * Connects with TLS (as a {@code rediss://} URI does) when no {@link #uri} is given. Any other TLS option turns
     * TLS on too. Host-name verification is on unless you hand in a {@link #hostnameVerifier} or
     * {@link #sslParameters} that say otherwise.
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * The certificates to trust (a PKCS12 or JKS file; the type is read from the file) instead of the JVM's
     * default trust store. The store is read by {@link #build()}, which names the path (never the password) if it
     * cannot be read.
     */
    public Builder trustStore(Path path, char[] password) {
      if (path == null) {
        throw new ConfigurationException("trustStore", null, "a PKCS12 or JKS file");
      }
      this.trustStore = path;
      this.trustStorePassword = password == null ? null : password.clone();
      return this;
    }

    /** A client certificate and key (PKCS12 or JKS) for servers that require one ({@code tls-auth-clients yes}). */
    public Builder keyStore(Path path, char[] password) {
      if (path == null) {
        throw new ConfigurationException("keyStore", null, "a PKCS12 or JKS file");
      }
      this.keyStore = path;
      this.keyStorePassword = password == null ? null : password.clone();
      return this;
    }

    /** A socket factory from the caller's own {@code SSLContext}; not together with a trust or key store. */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      if (factory == null) {
        throw new ConfigurationException("sslSocketFactory", null, "must not be null");
      }
      this.sslSocketFactory = factory;
      return this;
    }

    /**
     * Protocols, cipher suites, SNI... for the TLS handshake. A copy is used; if it has no endpoint identification
     * algorithm and no {@link #hostnameVerifier} is set, {@code HTTPS} host-name verification is added.
     */
    public Builder sslParameters(SSLParameters parameters) {
      if (parameters == null) {
        throw new ConfigurationException("sslParameters", null, "must not be null");
      }
      this.sslParameters = parameters;
      return this;
    }

    /**
     * Also checks the server's certificate with this verifier. Jedis' HTTPS endpoint identification runs as well
     * unless {@link #sslParameters} name another algorithm: a verifier can make the check stricter, not looser.
     */
    public Builder hostnameVerifier(HostnameVerifier verifier) {
      if (verifier == null) {
        throw new ConfigurationException("hostnameVerifier", null, "must not be null");
      }
      this.hostnameVerifier = verifier;
      return this;
    }

    /**
     * Connects (when not given a client) and checks the server answers.
     *
     * @throws ConfigurationException for a malformed URI
     * @throws ConnectionException if the server cannot be reached or refuses the credentials
     */
    @SuppressWarnings("deprecation") // ssl(boolean) is the plain switch rediss:// needs
    public RedisConnector build() {
      UnifiedJedis redis = client;
      boolean owns = false;
      String where = "the given client";
      if (redis == null) {
        owns = true;
        URI u = uri();
        boolean useTls = useTls(u);
        where = (useTls ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort();
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(ms).socketTimeoutMillis(ms)
            .blockingSocketTimeoutMillis(ms == 0 ? 0 : ms + (int) blockFor.toMillis())
            .ssl(useTls)
            .database(JedisURIHelper.hasDbIndex(u) ? JedisURIHelper.getDBIndex(u) : select);
        if (useTls) {
          SSLSocketFactory factory = socketFactory();
          if (factory != null) {
            config.sslSocketFactory(factory);
          }
          if (sslParameters != null) {
            config.sslParameters(parameters());
          }
          if (hostnameVerifier != null) {
            config.hostnameVerifier(hostnameVerifier);
          }
        }
        String uriUser = JedisURIHelper.getUser(u);
        String uriPassword = JedisURIHelper.getPassword(u);
        String effectiveUser = uriUser != null ? uriUser : user;
        String effectivePassword = uriPassword != null ? uriPassword : password;
        if (effectiveUser != null && !effectiveUser.isEmpty()) {
          config.user(effectiveUser);
        }
        if (effectivePassword != null && !effectivePassword.isEmpty()) {
          config.password(effectivePassword);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setJmxEnabled(false);
        redis = RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(u)).clientConfig(config.build())
            .poolConfig(pool).build();
      }
      RedisConnector connector = new RedisConnector(this, redis, owns);
      try {
        redis.ping();
      } catch (JedisException e) {
        connector.close();
        boolean auth = RedisErrors.isAuth(e);
        boolean certificate = RedisErrors.isCertificateFailure(e);
        String what = auth ? "Redis at " + where + " refused the credentials: "
            : certificate ? "TLS to Redis at " + where + " failed: its certificate is not trusted or does not name "
                + "the host (set trustStore or sslSocketFactory; check the host name): "
            : "Cannot reach Redis at " + where + ": ";
        throw new ConnectionException(Redaction.secrets(what + reason(e)), e, !auth && !certificate);
      }
      if (checkEviction) {
        connector.warnAboutEviction();
      }
      LOG.info("Redis connector ready: {}, wireFormat={}, retryAfter={}, cluster={}", Redaction.secrets(where),
          format, retryAfter, connector.cluster);
      return connector;
    }

    /** Jedis' message and, for a failed TLS handshake or socket, its cause's (which says what went wrong). */
    private static String reason(Throwable e) {
      String m = String.valueOf(e.getMessage());
      Throwable c = e.getCause();
      return c != null && c != e && c.getMessage() != null && !m.contains(c.getMessage())
          ? m + " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")" : m;
    }

    private boolean useTls(URI u) {
      boolean options = tls || sslSocketFactory != null || sslParameters != null || hostnameVerifier != null
          || trustStore != null || keyStore != null;
      if (sslSocketFactory != null && (trustStore != null || keyStore != null)) {
        throw new ConfigurationException("sslSocketFactory", sslSocketFactory,
            "either a socket factory or a trust/key store, not both");
      }
      if (uri != null && options && !JedisURIHelper.isRedisSSLScheme(u)) {
        throw new ConfigurationException("uri", Redaction.secrets(uri),
            "TLS options are set: use a rediss:// URI, or drop the TLS options");
      }
      return options || JedisURIHelper.isRedisSSLScheme(u);
    }

    private SSLSocketFactory socketFactory() {
      if (sslSocketFactory != null || (trustStore == null && keyStore == null)) {
        return sslSocketFactory; // null: the JVM's default trust store
      }
      try {
        TrustManager[] trust = null;
        if (trustStore != null) {
          TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          tmf.init(loadStore("trustStore", trustStore, trustStorePassword));
          trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (keyStore != null) {
          KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          try {
            kmf.init(loadStore("keyStore", keyStore, keyStorePassword), keyStorePassword);
          } catch (GeneralSecurityException e) {
            throw new ConfigurationException("keyStore", keyStore, "its key cannot be read: " + e.getMessage());
          }
          keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new ConfigurationException("trustStore", trustStore, "cannot set up TLS: " + e.getMessage());
      }
    }

    private static KeyStore loadStore(String setting, Path path, char[] password) {
      try {
        return KeyStore.getInstance(path.toFile(), password);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new ConfigurationException(setting, path, "cannot be read as a PKCS12 or JKS store (wrong password, "
            + "missing or damaged file?): " + e.getMessage());
      }
    }

    private SSLParameters parameters() {
      SSLParameters p = sslParameters;
      SSLParameters copy = new SSLParameters(p.getCipherSuites(), p.getProtocols());
      copy.setAlgorithmConstraints(p.getAlgorithmConstraints());
      copy.setServerNames(p.getServerNames());
      copy.setSNIMatchers(p.getSNIMatchers());
      copy.setUseCipherSuitesOrder(p.getUseCipherSuitesOrder());
      copy.setApplicationProtocols(p.getApplicationProtocols());
      copy.setEnableRetransmissions(p.getEnableRetransmissions());
      copy.setMaximumPacketSize(p.getMaximumPacketSize());
      if (p.getNeedClientAuth()) {
        copy.setNeedClientAuth(true);
      } else if (p.getWantClientAuth()) {
        copy.setWantClientAuth(true);
      }
      String identification = p.getEndpointIdentificationAlgorithm();
      copy.setEndpointIdentificationAlgorithm(identification == null && hostnameVerifier == null ? "HTTPS"
          : identification);
      return copy;
    }

    private URI uri() {
      String s = uri != null ? uri : "redis://" + (host == null ? "127.0.0.1" : host) + ":" + port + "/" + select;
      URI u;
      // Every message below carries the URI with its password masked: a malformed URI is still a secret.
      String shown = Redaction.secrets(s);
      try {
        u = new URI(s);
      } catch (URISyntaxException e) {
        throw new ConfigurationException("uri", shown,
            "a redis:// or rediss:// URI: " + e.getReason() + " at index " + e.getIndex());
      }
      if (!JedisURIHelper.isValid(u) || u.getHost() == null) {
        throw new ConfigurationException("uri", shown, "a redis://[user:password@]host:port/db or rediss:// URI");
      }
      try {
        JedisURIHelper.getHostAndPort(u);
        if (JedisURIHelper.hasDbIndex(u)) {
          JedisURIHelper.getDBIndex(u);
        }
      } catch (InvalidURIException | NumberFormatException e) {
        throw new ConfigurationException("uri", shown, Redaction.secrets(String.valueOf(e.getMessage())));
      }
      return u;
    }
  }

  /** {@link #failedJobStore()}: the default for a manager whose default connection this is (kept in Redis). */
  @Override
  public Optional<org.thinkqueue.spi.FailedJobStore> defaultFailedJobStore() {
    return Optional.of(failedJobStore());
  }
}
