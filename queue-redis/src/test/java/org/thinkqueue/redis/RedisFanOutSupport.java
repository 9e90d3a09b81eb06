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

import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.redis.internal.RedisKeys;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.FanOutContract;
import redis.clients.jedis.UnifiedJedis;

/**
 * The fan-out contract on Redis: standalone or Cluster, either wire format. A queue refuses writes
 * when its ready list's key holds a string; the test's keys are deleted one by one afterwards (on a
 * Cluster a multi-key DEL must stay in one slot).
 */
abstract class RedisFanOutSupport extends FanOutContract {
  private final WireFormat format;
  private final List<UnifiedJedis> clients = new ArrayList<>();

  RedisFanOutSupport(WireFormat format) {
    super(true);
    this.format = format;
  }

  /** A new client on the server under test; the support closes it. */
  abstract UnifiedJedis newClient();

  WireFormat format() {
    return format;
  }

  UnifiedJedis client() {
    UnifiedJedis c = newClient();
    clients.add(c);
    return c;
  }

  @Override
  protected Connector createConnector() {
    return RedisConnector.builder().client(client()).wireFormat(format).build();
  }

  @Override
  protected void refuseWritesTo(String queue) {
    client().set(RedisKeys.ready(format, queue), "not a list");
  }

  @Override
  protected void cleanUp(List<String> queues) {
    try {
      UnifiedJedis admin = client();
      for (String q : queues) {
        for (String key :
            List.of(
                RedisKeys.ready(format, q),
                RedisKeys.delayed(format, q),
                RedisKeys.reserved(format, q),
                RedisKeys.notify(format, q))) {
          admin.del(key);
        }
      }
    } finally {
      clients.forEach(UnifiedJedis::close);
      clients.clear();
    }
  }
}
