package org.thinkqueue.redis;

import java.util.Locale;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueException;
import org.thinkqueue.spi.Redaction;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis failures as this library's exceptions, split as Jedis splits them: a lost or unusable connection is a
 * transient {@link ConnectionException}; refused credentials or permissions a permanent one; an error reply about
 * the data or the command (WRONGTYPE, a script error) a {@link QueueDataException}. Error replies that describe a
 * server state which passes (OOM under maxmemory, BUSY, LOADING, READONLY after a failover, cluster resharding)
 * are transient connection failures: the same call may succeed later. Messages are redacted of URI credentials.
 */
final class RedisErrors {
  private static final String[] TRANSIENT_REPLIES = {
      "OOM", "BUSY", "LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "MISCONF"};
  private static final String[] AUTH_REPLIES = {"NOAUTH", "WRONGPASS", "NOPERM"};

  private RedisErrors() {}

  /** {@code "Redis failed to <what>: <reply>"}, typed as above. */
  static QueueException wrap(RuntimeException e, String what) {
    String reply = Redaction.secrets(String.valueOf(e.getMessage()));
    if (e instanceof JedisDataException) {
      if (isAuth(e)) {
        return new ConnectionException("Redis refused access to " + what + ": " + reply, e, false);
      }
      if (startsWithAny(reply, TRANSIENT_REPLIES) || reply.contains("OOM command not allowed")
          || reply.contains("max number of clients reached")) {
        return new ConnectionException("Redis could not " + what + " now: " + reply, e, true);
      }
      return new QueueDataException("Redis refused to " + what + ": " + reply, e);
    }
    // JedisConnectionException, pool exhaustion, cluster redirections that ran out: the server may answer later.
    return new ConnectionException("Redis failed to " + what + ": " + reply, e,
        !isAuth(e) && !isCertificateFailure(e));
  }

  /** Refused credentials or a missing ACL permission. */
  static boolean isAuth(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JedisAccessControlException || startsWithAny(String.valueOf(t.getMessage()), AUTH_REPLIES)) {
        return true;
      }
    }
    return false;
  }

  /** The server's certificate is not trusted or does not name the host: trying again will not help. */
  static boolean isCertificateFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.security.cert.CertificateException || t instanceof javax.net.ssl.SSLPeerUnverifiedException
          || (t.getMessage() != null && t.getMessage().contains("failed ssl/tls hostname verification"))) {
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
