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

import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueException;
import org.thinkqueue.spi.Redaction;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one translation of Jedis failures into this library's exceptions, for the connector, its
 * notify waiter and the failed-job store, split as Jedis splits them: a lost or unusable connection
 * is a transient {@link ConnectionException}; refused credentials or permissions a permanent one;
 * an error reply about the data or the command (WRONGTYPE, a script error) a {@link
 * QueueDataException}. Error replies that describe a server state which passes (OOM under
 * maxmemory, BUSY, LOADING, READONLY after a failover, cluster resharding) are transient connection
 * failures: the same call may succeed later. Messages are redacted of URI credentials.
 */
public final class RedisErrors {
  private static final String[] TRANSIENT_REPLIES = {
    "OOM",
    "BUSY",
    "LOADING",
    "READONLY",
    "MASTERDOWN",
    "TRYAGAIN",
    "CLUSTERDOWN",
    "NOREPLICAS",
    "MISCONF"
  };
  private static final String[] AUTH_REPLIES = {"NOAUTH", "WRONGPASS", "NOPERM"};

  private RedisErrors() {}

  /**
   * Runs one Redis call; a {@link JedisException} comes out as {@link #wrap}'s exception for {@code
   * what}.
   */
  public static <T> T call(Supplier<T> op, String what) {
    try {
      return op.get();
    } catch (JedisException e) {
      throw wrap(e, what);
    }
  }

  /** {@code "Redis failed to <what>: <reply>"}, typed as above. */
  public static QueueException wrap(RuntimeException e, String what) {
    String reply = Redaction.secrets(String.valueOf(e.getMessage()));
    if (e instanceof JedisDataException) {
      // JedisAccessControlException is a JedisDataException: refused credentials and ACL denials
      // land here.
      if (isAuth(e)) {
        return ConnectionException.permanent("Redis refused access to " + what + ": " + reply, e);
      }
      if (startsWithAny(reply, TRANSIENT_REPLIES)
          || reply.contains("OOM command not allowed")
          || reply.contains("max number of clients reached")) {
        return ConnectionException.transientFailure(
            "Redis could not " + what + " now: " + reply, e);
      }
      return new QueueDataException("Redis refused to " + what + ": " + reply, e);
    }
    // JedisConnectionException, pool exhaustion, cluster redirections that ran out: the server may
    // answer later,
    // unless a new pooled connection's AUTH was refused or the TLS handshake refused the server's
    // certificate.
    String message = "Redis failed to " + what + ": " + reply;
    return isAuth(e) || isCertificateFailure(e)
        ? ConnectionException.permanent(message, e)
        : ConnectionException.transientFailure(message, e);
  }

  /** Refused credentials or a missing ACL permission, anywhere in the cause chain. */
  public static boolean isAuth(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JedisAccessControlException
          || startsWithAny(String.valueOf(t.getMessage()), AUTH_REPLIES)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The server's certificate is not trusted or does not name the host: trying again will not help.
   */
  public static boolean isCertificateFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof SSLPeerUnverifiedException
          || (t.getMessage() != null
              && t.getMessage().contains("failed ssl/tls hostname verification"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithAny(String reply, String[] prefixes) {
    String upper = reply.toUpperCase(Locale.ROOT);
    for (String p : prefixes) {
      if (upper.startsWith(p + " ") || upper.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
