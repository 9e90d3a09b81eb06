package org.thinkqueue.testkit;

import java.util.Objects;

/**
 * The TCP endpoint behind a service URL such as {@code redis://127.0.0.1:6379/0} or {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Only the first host of a multi-host JDBC URL is used.
 */
public record ServiceAddress(String url, String host, int port) {

  public ServiceAddress {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in " + url + ": " + port);
    }
  }

  /**
   * Parses {@code url}; a URL without host (e.g. {@code jdbc:postgresql:test}) means localhost.
   *
   * @throws IllegalArgumentException if the host or port part cannot be read
   */
  public static ServiceAddress parse(String url, int defaultPort) {
    String trimmed = url.trim();
    int scheme = trimmed.indexOf("://");
    if (scheme < 0) {
      return new ServiceAddress(trimmed, "localhost", defaultPort);
    }
    String rest = trimmed.substring(scheme + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#', ';'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int comma = authority.indexOf(',');
    if (comma >= 0) {
      authority = authority.substring(0, comma);
    }
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed IPv6 host in " + url);
      }
      host = authority.substring(1, close);
      if (authority.length() > close + 1) {
        if (authority.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("unexpected text after IPv6 host in " + url);
        }
        portText = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    int port = defaultPort;
    if (portText != null && !portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port is not a number in " + url + ": " + portText, e);
      }
    }
    return new ServiceAddress(trimmed, host, port);
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  public String hostAndPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
