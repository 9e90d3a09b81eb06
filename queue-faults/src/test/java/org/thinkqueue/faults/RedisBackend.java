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
package org.thinkqueue.faults;

import redis.clients.jedis.RedisClient;

/**
 * Redis: the shared server (unique keys) for most scenarios, or a {@link PrivateRedis} when the
 * test kills the server. Keys are think-queue 3.x's: {@code {queues:Q}}, {@code :delayed}, {@code
 * :reserved}.
 */
final class RedisBackend extends Backend {
  private final PrivateRedis server;
  private final String uri;
  private final RedisClient admin;
  private final Target target;

  /** On the server at {@code uri}; outages are not possible there. */
  RedisBackend(String uri) {
    this(null, uri);
  }

  /** On a private server the test may kill and restart. */
  RedisBackend(PrivateRedis server) {
    this(server, server.uri());
  }

  private RedisBackend(PrivateRedis server, String uri) {
    this.server = server;
    this.uri = uri;
    this.admin = RedisClient.create(uri);
    this.target = new Target(Target.Kind.REDIS, uri, "faults-" + uid, "faults-" + uid + ":failed");
  }

  @Override
  Target target() {
    return target;
  }

  private String ready() {
    return "{queues:" + target.queue() + "}";
  }

  @Override
  void writeRaw(String payload) {
    admin.rpush(ready(), payload);
  }

  @Override
  long leftOver() {
    return admin.llen(ready())
        + admin.zcard(ready() + ":delayed")
        + admin.zcard(ready() + ":reserved");
  }

  @Override
  void beginOutage() {
    requirePrivate().kill();
  }

  @Override
  void endOutage() {
    requirePrivate().start();
  }

  private PrivateRedis requirePrivate() {
    if (server == null) {
      throw new IllegalStateException(
          "An outage needs a private Redis, not the shared one at " + uri);
    }
    return server;
  }

  @Override
  public void close() {
    try {
      String r = ready();
      String f = "{" + target.store() + "}";
      admin.del(
          r, r + ":delayed", r + ":reserved", r + ":notify", f + ":seq", f + ":jobs", f + ":index");
    } catch (RuntimeException e) {
      // a private server already gone takes its keys with it
    } finally {
      admin.close();
      if (server != null) {
        server.close();
      }
    }
  }
}
