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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared Redis at {@link Services#redisUri()}, a plain admin client that reads keys as PHP
 * would see them, unique queue names, and cleanup: every connector, manager and worker a test
 * builds is closed and every key of its queues (both formats, plus {@code :notify}) and every extra
 * key it names is deleted afterwards. Other suites use the same server at the same time, so a test
 * touches only keys it made.
 */
@RequiresService(Service.REDIS)
abstract class RedisQueueFixture {
  static final Duration SCORE_TOLERANCE_SECONDS = Duration.ofSeconds(2);

  UnifiedJedis admin;
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Set<String> extraKeys = ConcurrentHashMap.newKeySet();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void openAdmin() {
    admin = TestClients.standalone(uri());
  }

  @AfterEach
  void cleanUp() throws Exception {
    // Workers first (they use the connectors), in reverse order of creation.
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (RuntimeException e) {
        // a connector a test closed on purpose, or a pool already gone
      }
    }
    for (String q : queues) {
      for (WireFormat f : WireFormat.values()) {
        String ready = ready(f, q);
        admin.del(ready, ready + ":delayed", ready + ":reserved", ready + ":notify");
      }
    }
    if (!extraKeys.isEmpty()) {
      admin.del(extraKeys.toArray(String[]::new));
    }
    admin.close();
  }

  static URI uri() {
    return Services.redisUri();
  }

  /** A queue name no other test (or concurrent suite) uses; its keys are deleted after the test. */
  String queue(String hint) {
    String q = "it-" + hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    queues.add(q);
    return q;
  }

  /** A key the test writes outside its queues, deleted after the test. */
  String key(String name) {
    extraKeys.add(name);
    return name;
  }

  static String ready(WireFormat f, String queue) {
    return f == WireFormat.V3 ? "{queues:" + queue + "}" : "queues:" + queue;
  }

  static String delayed(WireFormat f, String queue) {
    return ready(f, queue) + ":delayed";
  }

  static String reserved(WireFormat f, String queue) {
    return ready(f, queue) + ":reserved";
  }

  RedisConnector.Builder connectorBuilder(WireFormat format, Duration retryAfter) {
    return RedisConnector.builder().uri(uri().toString()).wireFormat(format).retryAfter(retryAfter);
  }

  RedisConnector connector(WireFormat format, Duration retryAfter) {
    return track(connectorBuilder(format, retryAfter).build());
  }

  /**
   * A manager on {@code connector} whose failed jobs go to a Redis store of this test's own (the
   * default store's keys are shared by every suite on the server), deleted afterwards.
   */
  QueueManager manager(RedisConnector connector, JobRegistry registry) {
    String failed = "it-failed-" + UUID.randomUUID().toString().substring(0, 8);
    key("{" + failed + "}:seq");
    key("{" + failed + "}:jobs");
    key("{" + failed + "}:index");
    QueueManager.Builder b =
        QueueManager.builder()
            .connection("redis", connector)
            .failedJobStore(
                new RedisFailedJobStore(admin, failed, java.time.Clock.systemDefaultZone()));
    if (registry != null) {
      b.registry(registry);
    }
    return track(b.build());
  }

  /** Short timings so a test ends in seconds. */
  Worker.Builder worker(QueueManager manager, String queue) {
    return Worker.builder()
        .manager(manager)
        .queues(queue)
        .sleep(Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(10))
        .timeoutGrace(Duration.ofMillis(500))
        .stopGrace(Duration.ofSeconds(1));
  }

  Worker build(Worker.Builder builder) {
    return track(builder.build());
  }

  <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  QueueSize sizeOf(WireFormat f, String queue) {
    return new QueueSize(
        admin.llen(ready(f, queue)),
        admin.zcard(delayed(f, queue)),
        admin.zcard(reserved(f, queue)));
  }

  static double nowSeconds() {
    return System.currentTimeMillis() / 1000.0;
  }
}
