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

import org.thinkqueue.ConfigurationException;
import org.thinkqueue.WireFormat;

/**
 * think-queue's key names. 3.x: {@code {queues:NAME}}, {@code {queues:NAME}:delayed}, {@code
 * {queues:NAME}:reserved} (one Cluster hash slot); 1.x: the same without braces. Ours: {@code
 * ...:notify}, the bounded wake-up list, and {@code ...:unique:KEY}, a unique job's key.
 */
public final class RedisKeys {
  private RedisKeys() {}

  public static String ready(WireFormat format, String queue) {
    return format == WireFormat.V3 ? "{queues:" + queue + "}" : "queues:" + queue;
  }

  public static String delayed(WireFormat format, String queue) {
    return ready(format, queue) + ":delayed";
  }

  public static String reserved(WireFormat format, String queue) {
    return ready(format, queue) + ":reserved";
  }

  public static String notify(WireFormat format, String queue) {
    return ready(format, queue) + ":notify";
  }

  /**
   * A unique job's key ({@code JobOptions.uniqueKey}) on {@code queue}, in the queue's hash slot:
   * {@code {queues:NAME}:unique:KEY} (1.x: {@code queues:NAME:unique:KEY}).
   */
  public static String unique(WireFormat format, String queue, String uniqueKey) {
    return ready(format, queue) + ":unique:" + uniqueKey;
  }

  /**
   * On a Cluster, refuses a queue whose keys hash to different slots (a script over them would fail
   * with CROSSSLOT).
   *
   * @throws ConfigurationException naming the wire format and the fix
   */
  public static void checkSlot(boolean cluster, WireFormat format, String queue) {
    if (cluster && !sameSlot(format, queue)) {
      throw new ConfigurationException(
          "wireFormat",
          format,
          "queue '"
              + queue
              + "' on a Redis Cluster: V1 keys "
              + "queues:"
              + queue
              + ", :delayed and :reserved hash to different slots; use WireFormat.V3 or put a "
              + "{tag} in the queue name, e.g. '{"
              + queue
              + "}'");
    }
  }

  /** True if all keys of the queue hash to one Cluster slot. */
  public static boolean sameSlot(WireFormat format, String queue) {
    if (format == WireFormat.V3) {
      return true;
    }
    int open = queue.indexOf('{');
    return open >= 0 && queue.indexOf('}', open + 2) > open + 1;
  }
}
