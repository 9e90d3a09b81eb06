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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.RawPush;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Several payloads on several queues in one Lua script ({@code push-all.lua}), all or none: what
 * publishing an event to its subscribers writes. The script checks every key's type before its
 * first write, so a queue whose key holds something else refuses the whole publish. On a Cluster
 * one script reaches one slot: every queue's keys must hash to it.
 */
public final class PushAllScript {
  private static final RedisScript PUSH_ALL = RedisScript.load("push-all");

  private PushAllScript() {}

  /**
   * Stores every payload or none.
   *
   * @param notifyLength the bound of each queue's notify list, as the push scripts take it
   * @throws ConfigurationException on a Cluster whose queues' keys hash to more than one slot
   */
  public static void run(
      UnifiedJedis redis,
      boolean cluster,
      WireFormat format,
      List<RawPush> pushes,
      String notifyLength) {
    Set<String> queues = queues(pushes);
    checkOneSlot(cluster, format, queues);
    List<String> keys = new ArrayList<>(pushes.size() * 3);
    List<String> args = new ArrayList<>(pushes.size() * 2 + 1);
    args.add(notifyLength);
    for (RawPush p : pushes) {
      keys.add(RedisKeys.ready(format, p.queue()));
      keys.add(RedisKeys.delayed(format, p.queue()));
      keys.add(RedisKeys.notify(format, p.queue()));
      args.add(p.payload());
      args.add(seconds(p.delay().toMillis()));
    }
    RedisErrors.call(() -> PUSH_ALL.run(redis, keys, args), "publish to queues " + queues);
  }

  /**
   * On a Cluster, refuses queues whose keys do not all hash to one slot, naming them and the fix.
   */
  static void checkOneSlot(boolean cluster, WireFormat format, Set<String> queues) {
    if (!cluster) {
      return;
    }
    Map<Integer, List<String>> bySlot = new TreeMap<>();
    for (String q : queues) {
      RedisKeys.checkSlot(true, format, q);
      bySlot
          .computeIfAbsent(
              JedisClusterCRC16.getSlot(RedisKeys.ready(format, q)), s -> new ArrayList<>())
          .add(q);
    }
    if (bySlot.size() < 2) {
      return;
    }
    List<String> examples = new ArrayList<>();
    for (String q : queues) {
      examples.add("'{tag}" + withoutLeadingTag(q) + "'");
    }
    throw new ConfigurationException(
        "Redis Cluster: publishing writes the jobs of queues "
            + queues
            + " in one script, so all their keys must hash to one slot, and they hash to "
            + bySlot.size()
            + " slots "
            + bySlot
            + "; start every subscriber queue's name with the same {tag}, e.g. "
            + String.join(", ", examples));
  }

  private static String withoutLeadingTag(String queue) {
    int close = queue.indexOf('}');
    return queue.startsWith("{") && close > 1 ? queue.substring(close + 1) : queue;
  }

  private static Set<String> queues(List<RawPush> pushes) {
    Set<String> queues = new LinkedHashSet<>();
    for (RawPush p : pushes) {
      queues.add(p.queue());
    }
    return queues;
  }

  private static String seconds(long millis) {
    return millis <= 0 ? "0" : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
