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
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.redis.internal.RedisKeys;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A worker with four job threads drains two queues whose keys live on different masters: every job
 * runs exactly once, nothing stays behind, and the idle worker still wakes for a push to either
 * queue. Exercises waiting on several queues across slots and coalesced acks through a cluster
 * pipeline.
 */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterWorkerIT {
  private static final int JOBS_PER_QUEUE = 500;

  @Test
  void drainsAThousandJobsAcrossTwoQueuesEachExactlyOnce() {
    List<String> queues = List.of(uniqueQueue("cluster-a-"), uniqueQueue("cluster-b-"));
    while (slotOf(queues.get(0)) == slotOf(queues.get(1))) {
      queues = List.of(queues.get(0), uniqueQueue("cluster-b-"));
    }
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "cluster-job",
                Integer.class,
                n -> runs.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet());
    try (UnifiedJedis client = RedisClusterExtension.newClient();
        QueueManager manager =
            QueueManager.builder()
                .connection(
                    "cluster",
                    RedisConnector.builder().client(client).wireFormat(WireFormat.V3).build())
                // the assertion below is about this test's jobs only: not the cluster's shared
                // default store
                .failedJobStore(new org.thinkqueue.spi.MemoryFailedJobStore())
                .registry(registry)
                .build()) {
      for (int q = 0; q < queues.size(); q++) {
        int base = q * JOBS_PER_QUEUE;
        manager.bulk(
            "cluster-job",
            IntStream.range(base, base + JOBS_PER_QUEUE).boxed().toList(),
            queues.get(q));
      }
      List<String> names = queues;
      try (Worker worker =
          Worker.builder()
              .manager(manager)
              .queues(names)
              .threads(4)
              .sleep(Duration.ofMillis(50))
              .stopGrace(Duration.ofSeconds(5))
              .build()) {
        worker.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> worker.processedJobs() >= 2L * JOBS_PER_QUEUE);
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> names.stream().allMatch(q -> manager.size(q).total() == 0));
        // Idle now, it waits on both queues' notify lists, which live on different masters: a push
        // to either wakes it.
        for (int q = 0; q < names.size(); q++) {
          long before = worker.processedJobs();
          manager.push("cluster-job", 2 * JOBS_PER_QUEUE + q, names.get(q));
          await()
              .atMost(Duration.ofSeconds(3))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> worker.processedJobs() > before);
        }
      }
      assertThat(runs).hasSize(2 * JOBS_PER_QUEUE + 2);
      assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
      for (String q : queues) {
        assertThat(manager.size(q)).isEqualTo(new QueueSize(0, 0, 0));
      }
      assertThat(manager.failed().list(0, 10)).isEmpty();
    }
  }

  private static String uniqueQueue(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static int slotOf(String queue) {
    return JedisClusterCRC16.getSlot(RedisKeys.ready(WireFormat.V3, queue));
  }
}
