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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.UniquePush;
import redis.clients.jedis.UnifiedJedis;

/**
 * Unique jobs on Redis: the key {@link RedisKeys#unique} holds the id of the job that took it (with
 * a TTL when {@code uniqueFor} is set); {@code unique-push.lua} checks and takes it with the push,
 * {@code unique-delete.lua} frees it with the delete's ZREM (compare-and-delete by id), {@code
 * unique-release.lua} frees it alone. Plain jobs never come here.
 */
public final class UniqueJobs {
  private static final RedisScript PUSH = RedisScript.load("unique-push");
  private static final RedisScript DELETE = RedisScript.load("unique-delete");
  private static final RedisScript RELEASE = RedisScript.load("unique-release");

  private UniqueJobs() {}

  /**
   * Pushes {@code payload} (id {@code id}) unless the key is held.
   *
   * @param delaySeconds the delay as the scripts read it ({@code "0"}: ready now)
   * @param lockFor the hold from now, or null until the job ends
   */
  public static UniquePush.Pushed push(
      UnifiedJedis redis,
      WireFormat format,
      String queue,
      String uniqueKey,
      String id,
      String payload,
      String delaySeconds,
      Duration lockFor,
      String notifyLength) {
    Object reply =
        RedisErrors.call(
            () ->
                PUSH.run(
                    redis,
                    List.of(
                        RedisKeys.unique(format, queue, uniqueKey),
                        RedisKeys.ready(format, queue),
                        RedisKeys.delayed(format, queue),
                        RedisKeys.notify(format, queue)),
                    List.of(
                        id,
                        payload,
                        delaySeconds,
                        lockFor == null ? "" : Long.toString(Math.max(1, lockFor.toMillis())),
                        notifyLength)),
            "push a unique job to '" + queue + "'");
    List<?> items = (List<?>) reply;
    return new UniquePush.Pushed(text(items.get(1)), ((Long) items.get(0)) == 1L);
  }

  /**
   * Deletes the reservation {@code member} and frees the key if job {@code id} holds it.
   *
   * @return true if the reservation was deleted (false: it had expired and went back)
   */
  public static boolean delete(
      UnifiedJedis redis,
      WireFormat format,
      String queue,
      String uniqueKey,
      byte[] member,
      String id) {
    Object removed =
        RedisErrors.call(
            () ->
                DELETE.runBinary(
                    redis,
                    List.of(
                        utf8(RedisKeys.reserved(format, queue)),
                        utf8(RedisKeys.unique(format, queue, uniqueKey))),
                    List.of(member, utf8(id))),
            "delete a unique job from '" + queue + "'");
    return removed instanceof Long && (Long) removed == 1L;
  }

  /** Frees the key if job {@code id} holds it. */
  public static void release(
      UnifiedJedis redis, WireFormat format, String queue, String uniqueKey, String id) {
    RedisErrors.call(
        () -> RELEASE.run(redis, List.of(RedisKeys.unique(format, queue, uniqueKey)), List.of(id)),
        "free a unique key of '" + queue + "'");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Object o) {
    return o instanceof byte[] ? new String((byte[]) o, StandardCharsets.UTF_8) : String.valueOf(o);
  }
}
