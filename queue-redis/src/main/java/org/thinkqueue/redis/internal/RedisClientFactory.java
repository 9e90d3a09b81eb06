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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.thinkqueue.spi.Redaction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.KeyValue;

/**
 * The connection settings of a {@code RedisConnector.Builder} and the pooled Jedis client made from
 * them: URI or host/port/select, ACL user and password, timeouts, pool size and TLS (trust and key
 * stores, socket factory, parameters, host-name verifier). Setters validate at once and remember
 * which settings were given, so a builder that is also handed a client can refuse rather than
 * ignore them. Not thread-safe (builder state).
 */
public final class RedisClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClientFactory.class);

  private final Set<String> given = new LinkedHashSet<>();
  private String uri;
  private String host;
  private int port = 6379;
  private String user;
  private String password;
  private int select;
  private Duration timeout = Duration.ofSeconds(2);
  private int poolSize = 16;
  private boolean tls;
  private SSLSocketFactory sslSocketFactory;
  private SSLParameters sslParameters;
  private HostnameVerifier hostnameVerifier;
  private Path trustStore;
  private char[] trustStorePassword;
  private Path keyStore;
  private char[] keyStorePassword;

  public void uri(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new ConfigurationException("uri", uri, "a redis:// or rediss:// URI");
    }
    this.uri = given("uri", uri);
  }

  public void host(String host) {
    this.host = given("host", host);
  }

  public void port(int port) {
    if (port < 1 || port > 65535) {
      throw new ConfigurationException("port", port, "between 1 and 65535");
    }
    this.port = given("port", port);
  }

  public void user(String user) {
    this.user = given("user", user);
  }

  public void password(String password) {
    this.password = given("password", password);
  }

  public void select(int db) {
    if (db < 0) {
      throw new ConfigurationException("select", db, "a database number, 0 or more");
    }
    this.select = given("select", db);
  }

  public void timeout(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new ConfigurationException("timeout", timeout, "zero or positive");
    }
    this.timeout = given("timeout", timeout);
  }

  public void poolSize(int poolSize) {
    if (poolSize < 2) {
      throw new ConfigurationException("poolSize", poolSize, "at least 2");
    }
    this.poolSize = given("poolSize", poolSize);
  }

  public void tls(boolean tls) {
    this.tls = given("tls", tls);
  }

  public void trustStore(Path path, char[] password) {
    if (path == null) {
      throw new ConfigurationException("trustStore", null, "a PKCS12 or JKS file");
    }
    this.trustStore = given("trustStore", path);
    this.trustStorePassword = password == null ? null : password.clone();
  }

  public void keyStore(Path path, char[] password) {
    if (path == null) {
      throw new ConfigurationException("keyStore", null, "a PKCS12 or JKS file");
    }
    this.keyStore = given("keyStore", path);
    this.keyStorePassword = password == null ? null : password.clone();
  }

  public void sslSocketFactory(SSLSocketFactory factory) {
    if (factory == null) {
      throw new ConfigurationException("sslSocketFactory", null, "must not be null");
    }
    this.sslSocketFactory = given("sslSocketFactory", factory);
  }

  public void sslParameters(SSLParameters parameters) {
    if (parameters == null) {
      throw new ConfigurationException("sslParameters", null, "must not be null");
    }
    this.sslParameters = given("sslParameters", parameters);
  }

  public void hostnameVerifier(HostnameVerifier verifier) {
    if (verifier == null) {
      throw new ConfigurationException("hostnameVerifier", null, "must not be null");
    }
    this.hostnameVerifier = given("hostnameVerifier", verifier);
  }

  /**
   * The settings given so far, in the order they were first given: what a builder also handed a
   * client names.
   */
  public List<String> givenSettings() {
    return List.copyOf(given);
  }

  private <T> T given(String setting, T value) {
    given.add(setting);
    return value;
  }

  /**
   * {@code redis://host:port} or {@code rediss://host:port}, for messages: no user, password or
   * database.
   */
  public String address() {
    RedisUri u = parsedUri();
    return (useTls(u) ? "rediss://" : "redis://") + u.host() + ":" + u.port();
  }

  /**
   * A new pooled client, owned by the caller. Blocking commands may wait {@code blockFor} beyond
   * the timeout.
   *
   * @throws ConfigurationException for a malformed URI, TLS options with a {@code redis://} URI, a
   *     trust or key store that cannot be read (naming the path, never the password), or a Jedis
   *     version queue-redis does not run on
   */
  public UnifiedJedis open(Duration blockFor) {
    JedisVersion.requireSupported();
    try {
      return pooledClient(blockFor);
    } catch (IncompatibleClassChangeError | NoClassDefFoundError e) {
      // NoSuchMethodError and the like: a Jedis that lacks what we link against
      throw JedisVersion.incompatible(e);
    }
  }

  @SuppressWarnings("deprecation") // ssl(boolean) is the plain switch rediss:// needs
  private UnifiedJedis pooledClient(Duration blockFor) {
    RedisUri u = parsedUri();
    boolean useTls = useTls(u);
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(ms)
            .socketTimeoutMillis(ms)
            .blockingSocketTimeoutMillis(
                ms == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms + blockFor.toMillis()))
            .ssl(useTls)
            .database(u.database() >= 0 ? u.database() : select);
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
    String uriUser = u.user();
    String uriPassword = u.password();
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
    return new PooledRedisClient(new HostAndPort(u.host(), u.port()), config.build(), pool);
  }

  /**
   * A new pipeline on {@code redis}, on every supported Jedis (see {@link Pipelines}); the caller
   * closes it.
   */
  public static AbstractPipeline pipelined(UnifiedJedis redis) {
    return Pipelines.open(redis);
  }

  /**
   * Checks that the server at {@code where} answers {@code redis}'s credentials.
   *
   * @throws ConnectionException permanent if the server refuses the credentials or its certificate,
   *     else transient; the message names {@code where} with any password masked
   */
  public static void ping(UnifiedJedis redis, String where) {
    try {
      redis.ping();
    } catch (JedisException e) {
      boolean auth = RedisErrors.isAuth(e);
      boolean certificate = RedisErrors.isCertificateFailure(e);
      String what =
          auth
              ? "Redis at " + where + " refused the credentials: "
              : certificate
                  ? "TLS to Redis at "
                      + where
                      + " failed: its certificate is not trusted or does not name "
                      + "the host (set trustStore or sslSocketFactory; check the host name): "
                  : "Cannot reach Redis at " + where + ": ";
      String message = Redaction.secrets(what + reason(e));
      throw auth || certificate
          ? ConnectionException.permanent(message, e)
          : ConnectionException.transientFailure(message, e);
    }
  }

  /**
   * WARNs when {@code maxmemory-policy} lets Redis evict keys (queued jobs included); quiet if
   * CONFIG is denied.
   */
  @SuppressWarnings("deprecation") // sendCommand: deprecated in Jedis 8, the one way on 6 and 7
  public static void warnAboutEviction(UnifiedJedis redis) {
    try {
      // Not configGet: UnifiedJedis has it only from Jedis 8.
      String value =
          configValue(
              redis.sendCommand(Protocol.Command.CONFIG, "GET", "maxmemory-policy"),
              "maxmemory-policy");
      if (value != null && !"noeviction".equals(value)) {
        LOG.warn(
            "Redis maxmemory-policy is '{}': when memory runs out Redis evicts keys, queued jobs included, "
                + "without a trace. Set maxmemory-policy noeviction on a server that holds queues.",
            value);
      }
    } catch (RuntimeException | IncompatibleClassChangeError e) {
      // An advisory check: a CONFIG denied, or a future Jedis without sendCommand, skips it.
      LOG.debug("Could not read maxmemory-policy (CONFIG may be disabled): {}", e.toString());
    }
  }

  /**
   * {@code name}'s value in a raw CONFIG GET reply: a flat name/value list (RESP2), a list of
   * key-value pairs or a map (RESP3); {@code null} if absent.
   */
  static String configValue(Object reply, String name) {
    if (reply instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (name.equals(text(e.getKey()))) {
          return text(e.getValue());
        }
      }
    } else if (reply instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item instanceof KeyValue<?, ?> kv) {
          if (name.equals(text(kv.getKey()))) {
            return text(kv.getValue());
          }
        } else if (i + 1 < list.size() && name.equals(text(item))) {
          return text(list.get(i + 1));
        }
      }
    }
    return null;
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  /**
   * Jedis' message and, for a failed TLS handshake or socket, its cause's (which says what went
   * wrong).
   */
  private static String reason(Throwable e) {
    String m = String.valueOf(e.getMessage());
    Throwable c = e.getCause();
    return c != null && c != e && c.getMessage() != null && !m.contains(c.getMessage())
        ? m + " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")"
        : m;
  }

  private boolean useTls(RedisUri u) {
    boolean options =
        tls
            || sslSocketFactory != null
            || sslParameters != null
            || hostnameVerifier != null
            || trustStore != null
            || keyStore != null;
    if (sslSocketFactory != null && (trustStore != null || keyStore != null)) {
      throw new ConfigurationException(
          "sslSocketFactory",
          sslSocketFactory,
          "either a socket factory or a trust/key store, not both");
    }
    if (uri != null && options && !u.tls()) {
      throw new ConfigurationException(
          "uri",
          Redaction.secrets(uri),
          "TLS options are set: use a rediss:// URI, or drop the TLS options");
    }
    return options || u.tls();
  }

  private SSLSocketFactory socketFactory() {
    if (sslSocketFactory != null || (trustStore == null && keyStore == null)) {
      return sslSocketFactory; // null: the JVM's default trust store
    }
    try {
      TrustManager[] trust = null;
      if (trustStore != null) {
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(loadStore("trustStore", trustStore, trustStorePassword));
        trust = tmf.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (keyStore != null) {
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        try {
          kmf.init(loadStore("keyStore", keyStore, keyStorePassword), keyStorePassword);
        } catch (GeneralSecurityException e) {
          throw new ConfigurationException(
              "keyStore", keyStore, "its key cannot be read: " + e.getMessage());
        }
        keys = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "trustStore", trustStore, "cannot set up TLS: " + e.getMessage());
    }
  }

  private static KeyStore loadStore(String setting, Path path, char[] password) {
    try {
      return KeyStore.getInstance(path.toFile(), password);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new ConfigurationException(
          setting,
          path,
          "cannot be read as a PKCS12 or JKS store (wrong password, "
              + "missing or damaged file?): "
              + e.getMessage());
    }
  }

  /**
   * A copy of the caller's parameters, with HTTPS endpoint identification unless they or a verifier
   * say otherwise.
   */
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
    copy.setEndpointIdentificationAlgorithm(
        identification == null && hostnameVerifier == null ? "HTTPS" : identification);
    return copy;
  }

  private RedisUri parsedUri() {
    return RedisUri.parse(
        uri != null
            ? uri
            : "redis://" + (host == null ? "127.0.0.1" : host) + ":" + port + "/" + select);
  }
}
