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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.spi.Redaction;

/**
 * A parsed {@code redis://[user:password@]host:port[/db]} or {@code rediss://} URI. Our own parser
 * rather than Jedis' {@code JedisURIHelper}, whose methods differ between the Jedis versions we run
 * on ({@code hasDbIndex} is new in 8.0). Same reading as Jedis 8: the user info's part before the
 * first colon is the user (empty: none), the rest the password; the first path segment the
 * database. Every error names the URI with its password masked.
 *
 * @param tls {@code rediss://}
 * @param host as {@link URI#getHost()} gives it (an IPv6 address keeps its brackets)
 * @param port the port; the URI must name one
 * @param user the ACL user, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database the path names, or -1 when it names none
 */
public record RedisUri(
    boolean tls, String host, int port, String user, String password, int database) {

  /** Redacted: the password never shows. */
  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://")
        + (user != null || password != null
            ? (user == null ? "" : user) + (password == null ? "" : ":****") + "@"
            : "")
        + host
        + ":"
        + port
        + (database >= 0 ? "/" + database : "");
  }

  /**
   * Parses {@code uri}.
   *
   * @throws ConfigurationException naming {@code uri} (password masked) when it is not a redis://
   *     or rediss:// URI with a host and a port, or its user info or database cannot be read
   */
  public static RedisUri parse(String uri) {
    String shown = Redaction.secrets(uri);
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(
          "uri",
          shown,
          "a redis:// or rediss:// URI: " + e.getReason() + " at index " + e.getIndex());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")
        || u.getHost() == null
        || u.getHost().isBlank()
        || u.getPort() == -1) {
      throw new ConfigurationException(
          "uri", shown, "a redis://[user:password@]host:port/db or rediss:// URI");
    }
    String user = null;
    String password = null;
    String info = u.getUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      if (colon < 0) {
        throw new ConfigurationException(
            "uri", shown, "user info as user:password or :password (no colon found)");
      }
      user = colon == 0 ? null : info.substring(0, colon);
      password = info.substring(colon + 1);
    }
    return new RedisUri(
        scheme.equals("rediss"), u.getHost(), u.getPort(), user, password, database(u, shown));
  }

  private static int database(URI u, String shown) {
    String path = u.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return -1;
    }
    String db = path.substring(1);
    if (!db.isEmpty() && db.length() <= 9 && db.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.parseInt(db);
    }
    throw new ConfigurationException(
        "uri", shown, "the path is the database number, 0 or more: " + path);
  }
}
