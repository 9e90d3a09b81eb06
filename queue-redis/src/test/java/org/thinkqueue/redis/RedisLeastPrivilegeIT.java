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
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.Jedis;

/**
 * A worker user with only the ACL rule the README documents can push, work, fail into the Redis
 * failed-job store and retry. The user (a unique name) exists only for the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisLeastPrivilegeIT extends RedisQueueFixture {
  /** The README's rule, with the failed-job store's name as a parameter. */
  static List<String> workerRule(String password, String failedStoreName) {
    return List.of(
        "on",
        ">" + password,
        "resetkeys",
        "resetchannels",
        "-@all",
        "~{queues:*",
        "~queues:*",
        "~think:queue:restart",
        "~{" + failedStoreName + "}:*",
        "+ping",
        "+evalsha",
        "+eval",
        "+time",
        "+rpush",
        "+lpop",
        "+blpop",
        "+llen",
        "+ltrim",
        "+zadd",
        "+zrem",
        "+zrange",
        "+zrangebyscore",
        "+zscore",
        "+zcard",
        "+get",
        "+set",
        "+incr",
        "+hset",
        "+hget",
        "+hmget",
        "+hdel",
        "+del");
  }

  private final String user = "tq-it-worker-" + UUID.randomUUID().toString().substring(0, 8);
  private final String password = UUID.randomUUID().toString();
  private final String failedName = "tq-it-failed-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void dropUser() {
    try (Jedis j = new Jedis(uri())) {
      j.aclDelUser(user);
    }
    admin.del(
        "{" + failedName + "}:seq", "{" + failedName + "}:jobs", "{" + failedName + "}:index");
  }

  private void setUser(List<String> rule) {
    try (Jedis j = new Jedis(uri())) {
      j.aclSetUser(user, rule.toArray(String[]::new));
    }
  }

  @Test
  void workerUserCanPushWorkFailAndRetry() {
    setUser(workerRule(password, failedName));
    String q = queue("acl");
    RedisConnector connector =
        track(
            RedisConnector.builder()
                .uri(uri().toString())
                .user(user)
                .password(password)
                .wireFormat(WireFormat.V3)
                .build());
    // The rule is narrow: another key, or a command it does not list, is refused.
    assertThatThrownBy(() -> connector.client().get("not-a-queue-key"))
        .hasMessageContaining("NOPERM");
    assertThatThrownBy(() -> connector.client().flushDB()).hasMessageContaining("NOPERM");

    AtomicInteger runs = new AtomicInteger();
    List<String> done = new ArrayList<>();
    RedisFailedJobStore failedStore =
        new RedisFailedJobStore(connector.client(), failedName, Clock.systemUTC());
    QueueManager manager =
        track(
            QueueManager.builder()
                .connection("redis", connector)
                .failedJobStore(failedStore)
                .registry(
                    new JobRegistry()
                        .handle(
                            "Flaky",
                            String.class,
                            data -> {
                              if (runs.incrementAndGet() == 1) {
                                throw new IllegalStateException("first run fails");
                              }
                              synchronized (done) {
                                done.add(data);
                              }
                            }))
                .build());
    Worker worker = build(worker(manager, q).tries(1).delay(Duration.ZERO));
    worker.start();

    String id = manager.push("Flaky", "payload-1", q);

    await().atMost(Duration.ofSeconds(15)).until(() -> manager.failed().count() == 1);
    FailedJob failed = manager.failed().list(0, 1).get(0);
    assertThat(failed.payload()).contains(id);
    assertThat(manager.failed().retry(failed.id())).contains(id);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              synchronized (done) {
                return done.size() == 1;
              }
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sizeOf(WireFormat.V3, q).equals(new QueueSize(0, 0, 0)));
    assertThat(runs).hasValue(2);
    assertThat(manager.failed().count()).isZero();
    worker.close(); // before the user is deleted, which drops its connections
  }

  @Test
  void userWithoutTheScriptingCommandsGetsAPermanentConnectionError() {
    List<String> rule = new ArrayList<>(workerRule(password, failedName));
    rule.removeAll(List.of("+evalsha", "+eval"));
    setUser(rule);
    String q = queue("acl-noperm");
    RedisConnector connector =
        track(RedisConnector.builder().uri(uri().toString()).user(user).password(password).build());

    assertThatThrownBy(() -> connector.pop(q, 1))
        .isInstanceOfSatisfying(
            ConnectionException.class,
            e -> {
              assertThat(e.isTransient()).isFalse();
              assertThat(e.getMessage()).contains("NOPERM").contains(q);
            });
  }
}
