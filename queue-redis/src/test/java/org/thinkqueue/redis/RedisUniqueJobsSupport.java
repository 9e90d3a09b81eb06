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
import org.thinkqueue.testkit.UniqueJobsContract;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The unique-jobs contract on one Redis and wire format: after each test, the keys of its queues
 * and their unique keys ({@code ...:unique:*}, found with SCAN over the queue's hash tag) are
 * deleted.
 */
abstract class RedisUniqueJobsSupport extends UniqueJobsContract {
  final WireFormat format;

  RedisUniqueJobsSupport(WireFormat format) {
    this.format = format;
  }

  /** A new client for cleaning up; the caller closes it. */
  abstract UnifiedJedis newAdmin();

  @Override
  protected void cleanUp(List<String> queues) {
    try (UnifiedJedis admin = newAdmin()) {
      deleteKeys(admin, queues);
    }
  }

  private void deleteKeys(UnifiedJedis admin, List<String> queues) {
    for (String q : queues) {
      String ready = format == WireFormat.V3 ? "{queues:" + q + "}" : "queues:" + q;
      List<String> keys =
          new ArrayList<>(
              List.of(ready, ready + ":delayed", ready + ":reserved", ready + ":notify"));
      ScanParams match = new ScanParams().match(ready + ":unique:*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = admin.scan(cursor, match);
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      for (String k : keys) {
        admin.del(k);
      }
    }
  }
}
