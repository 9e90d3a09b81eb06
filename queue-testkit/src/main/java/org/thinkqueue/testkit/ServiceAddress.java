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
package org.thinkqueue.testkit;

import java.util.Objects;

/**
 * The TCP endpoint behind a service URL such as {@code redis://127.0.0.1:6379/0} or {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Only the first host of a multi-host JDBC
 * URL is used.
 *
 * @param url the URL as given (trimmed), which the test connects with
 * @param host the host to probe, without IPv6 brackets
 * @param port the port to probe
 */
public record ServiceAddress(String url, String host, int port) {

  /**
   * Checks the parts.
   *
   * @param url the URL as given (trimmed)
   * @param host the host to probe
   * @param port the port to probe
   * @throws NullPointerException if {@code url} or {@code host} is null
   * @throws IllegalArgumentException if {@code port} is not between 1 and 65535
   */
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
   * @param url a service URL, e.g. the value of {@link Service#envVar()}
   * @param defaultPort the port when the URL names none, usually {@link Service#defaultPort()}
   * @return the address, keeping {@code url} (trimmed) as written, credentials included
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

  /**
   * {@code host:port}, with brackets around an IPv6 host; for messages, since it carries no
   * credentials.
   *
   * @return the endpoint as text
   */
  public String hostAndPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
