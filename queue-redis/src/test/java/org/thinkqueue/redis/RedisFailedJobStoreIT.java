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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.testkit.FailedJobStoreContract;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import redis.clients.jedis.UnifiedJedis;

@RequiresService(Service.REDIS)
class RedisFailedJobStoreIT extends FailedJobStoreContract {
  private UnifiedJedis redis;
  private String name;

  @Override
  protected FailedJobStore createEmptyStore() {
    redis = TestClients.standalone(Services.redisUri());
    name = "think-queue-test:failed:" + UUID.randomUUID();
    return new RedisFailedJobStore(redis, name, Clock.systemDefaultZone());
  }

  @AfterEach
  void cleanUp() {
    redis.del("{" + name + "}:seq", "{" + name + "}:jobs", "{" + name + "}:index");
    redis.close();
  }

  @Test
  void keepsItsRecordsUnderTheDocumentedKeys() {
    String id = store.record("redis", "q", "{\"job\":\"x\",\"data\":1}", "boom");
    assertThat(redis.hget("{" + name + "}:jobs", id))
        .contains("\"connection\":\"redis\"")
        .contains("\"fail_time\":");
    assertThat(redis.zscore("{" + name + "}:index", id)).isPositive();
    assertThat(redis.get("{" + name + "}:seq")).isEqualTo(id);
  }

  @Test
  void recordsInOneMillisecondListInRecordingOrder() {
    // A stopped clock: every record fails "in the same millisecond", so only the id can order them.
    RedisFailedJobStore frozen =
        new RedisFailedJobStore(redis, name, Clock.fixed(Instant.now(), ZoneId.of("UTC")));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(frozen.record("redis", "q", "{}", "e" + i));
    }
    Collections.reverse(ids);

    assertThat(frozen.list(0, 20)).extracting(FailedJob::id).containsExactlyElementsOf(ids);
  }

  @Test
  void indexScoredByTimeByAnEarlierVersionIsRescoredByIdAtTheNextRecord() {
    // As 0.1 wrote it: scores in epoch ms, ids 9 and 10 failed in the same millisecond.
    long ms = System.currentTimeMillis();
    for (int i = 8; i <= 10; i++) {
      redis.hset(
          "{" + name + "}:jobs",
          Integer.toString(i),
          "{\"id\":\""
              + i
              + "\",\"connection\":\"c\","
              + "\"queue\":\"q\",\"payload\":\"{}\",\"exception\":\"e\",\"fail_time\":\"2026-01-01 00:00:00\","
              + "\"failed_at_ms\":\""
              + ms
              + "\"}");
      redis.zadd("{" + name + "}:index", i == 8 ? ms - 1 : ms, Integer.toString(i));
    }
    redis.set("{" + name + "}:seq", "10");
    assertThat(store.list(0, 10)).extracting(FailedJob::id).containsExactly("9", "10", "8");

    String id = store.record("redis", "q", "{}", "boom");

    assertThat(id).isEqualTo("11");
    assertThat(store.list(0, 10)).extracting(FailedJob::id).containsExactly("11", "10", "9", "8");
    assertThat(redis.zscore("{" + name + "}:index", "10")).isEqualTo(10.0);
  }

  @Test
  void recordsABrokenJobWithNullFields() {
    String id = store.record("redis", "q", null, null);

    assertThat(store.find(id))
        .hasValueSatisfying(
            r -> {
              assertThat(r.payload()).isEmpty();
              assertThat(r.exception()).isEmpty();
              assertThat(r.queue()).isEqualTo("q");
            });
  }

  @Test
  void unreadableRecordIsADataErrorThatDoesNotQuoteThePayload() {
    redis.hset("{" + name + "}:jobs", "1", "{\"payload\":\"secret-card-4111\",");
    redis.zadd("{" + name + "}:index", 1, "1");

    assertThatThrownBy(() -> store.find("1"))
        .isInstanceOf(QueueDataException.class)
        .hasMessageContaining("Unreadable failed-job record")
        .hasMessageNotContaining("secret-card");
  }

  @Test
  void refusesABadKeyName() {
    assertThatThrownBy(() -> new RedisFailedJobStore(redis, "a{b}", Clock.systemUTC()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("a{b}");
  }
}
