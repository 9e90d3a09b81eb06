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
package org.thinkqueue.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The third parties of the seed as local fakes on 127.0.0.1: the foreign marketing platform (Tidio)
 * and Shopify's fulfilment API. Each answers after {@code latencyMillis} and fails with 503 at
 * {@code failureRate}; Shopify also rejects, with 422, every order listed in {@link
 * #rejectOrder(String)} until it is accepted again.
 */
public final class FakeApis implements AutoCloseable {
  private final HttpServer server;
  private final long latencyMillis;
  private final double failureRate;
  private final Map<String, AtomicInteger> contacts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fulfillments = new ConcurrentHashMap<>();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failures = new AtomicInteger();

  public FakeApis(long latencyMillis, double failureRate) throws IOException {
    this.latencyMillis = latencyMillis;
    this.failureRate = failureRate;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/marketing/contacts/", ex -> handle(ex, "/marketing/contacts/", contacts, false));
    server.createContext(
        "/shopify/orders/", ex -> handle(ex, "/shopify/orders/", fulfillments, true));
    server.setExecutor(
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "fake-apis");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Shopify answers 422 for this order until {@link #acceptOrder(String)}. */
  public void rejectOrder(String orderId) {
    rejected.add(orderId);
  }

  public void acceptOrder(String orderId) {
    rejected.remove(orderId);
  }

  /** Contacts received by the marketing platform: key to times received. */
  public Map<String, Integer> contacts() {
    return snapshot(contacts);
  }

  /** Tracking updates Shopify accepted: order id to times accepted. */
  public Map<String, Integer> fulfillments() {
    return snapshot(fulfillments);
  }

  /** Requests answered with an error. */
  public int failures() {
    return failures.get();
  }

  private void handle(
      HttpExchange ex, String prefix, Map<String, AtomicInteger> received, boolean shopify)
      throws IOException {
    try (ex;
        InputStream body = ex.getRequestBody()) {
      body.readAllBytes();
      String key = ex.getRequestURI().getPath().substring(prefix.length()).split("/")[0];
      Thread.sleep(latencyMillis);
      int status;
      if (!"POST".equals(ex.getRequestMethod())) {
        status = 405;
      } else if (shopify && rejected.contains(key)) {
        status = 422;
      } else if (ThreadLocalRandom.current().nextDouble() < failureRate) {
        status = 503;
      } else {
        received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        status = 200;
      }
      if (status != 200) {
        failures.incrementAndGet();
      }
      byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Integer> snapshot(Map<String, AtomicInteger> m) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
