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
package org.thinkqueue.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.QueueManager;
import org.thinkqueue.examples.JobControls.Campaign;
import org.thinkqueue.examples.JobControls.Order;
import org.thinkqueue.examples.JobControls.ShopifyClientError;
import org.thinkqueue.examples.JobControls.Tracking;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.worker.Backoff;
import org.thinkqueue.worker.Worker;

/**
 * The README's "Retry policies" and "Job middleware" examples do what the README says, on memory
 * with a clock the test moves, and the README quotes {@link JobControls} as it is.
 */
class JobControlsTest {
  private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
  private final MemoryConnector connector = MemoryConnector.builder().clock(clock).build();
  private final Fakes services = new Fakes();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Remote services that fail as a test tells them to. */
  static final class Fakes implements JobControls.Services {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger campaignFailures = new AtomicInteger();
    final AtomicInteger carrierNotReady = new AtomicInteger();
    volatile boolean shopifyRefuses;

    @Override
    public void syncToShopify(Tracking tracking) {
      calls.add("shopify " + tracking.number());
      if (shopifyRefuses) {
        throw new ShopifyClientError("422 Unprocessable Entity");
      }
    }

    @Override
    public void pushCampaign(Campaign campaign) throws Exception {
      calls.add("campaign " + campaign.id());
      if (campaignFailures.getAndDecrement() > 0) {
        throw new java.io.IOException("marketing API timed out");
      }
    }

    @Override
    public boolean carrierReady(String trackingNo) {
      calls.add("carrier " + trackingNo);
      return carrierNotReady.getAndDecrement() <= 0;
    }

    @Override
    public boolean cancelled(String orderId) {
      return orderId.startsWith("cancelled");
    }

    @Override
    public void ship(Order order) {
      calls.add("ship " + order.id());
    }

    @Override
    public String currentTenant() {
      return "acme";
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private QueueManager manager(JobRegistry registry) {
    QueueManager m =
        QueueManager.builder()
            .connection("main", connector)
            .registry(registry)
            .failedJobStore(new MemoryFailedJobStore())
            .build();
    closeables.add(m);
    return m;
  }

  private Worker worker(QueueManager m, String queue) {
    Worker w = Worker.builder().manager(m).queues(queue).clock(clock).backoff(Backoff.NONE).build();
    closeables.add(w);
    return w;
  }

  @Test
  void aShopifyClientErrorFailsAtOnceWhileOtherErrorsAreRetried() {
    QueueManager m = manager(JobControls.registry(services));
    Worker worker = worker(m, "shopify");
    services.shopifyRefuses = true;
    m.push("SyncTrackingToShopify", new Tracking("shop-1", "T1"), "shopify");

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).as("not retried").isFalse();
    assertThat(m.failed().count()).isEqualTo(1);
    assertThat(services.calls).containsExactly("shopify T1");
  }

  @Test
  void aCampaignIsRetriedWithinItsWindowPastTheWorkersTries() {
    QueueManager m = manager(JobControls.registry(services));
    Worker worker = worker(m, "marketing");
    services.campaignFailures.set(4);
    m.push("PushCampaign", new Campaign("spring-sale"), "marketing");

    for (int i = 0; i < 5; i++) {
      assertThat(worker.runOnce()).isTrue();
    }
    assertThat(services.calls).hasSize(5);
    assertThat(m.failed().count()).as("5 runs, more than the worker's 3 tries").isZero();
    assertThat(m.size("marketing").total()).isZero();
  }

  @Test
  void aPushCanCarryItsOwnDeadline() {
    QueueManager m = manager(JobControls.registry(services));
    long before = java.time.Instant.now().getEpochSecond();
    JobControls.pushWithDeadline(m, new Campaign("flash"));

    assertThat(Payload.parse(connector.readyPayloads("marketing").get(0)).timeoutAt().orElseThrow())
        .isBetween(before + 3600, before + 3602);
  }

  @Test
  void aCarrierPollSnoozesWithoutUsingItsAttempts() {
    QueueManager m = manager(JobControls.registry(services));
    Worker worker = worker(m, "carrier");
    services.carrierNotReady.set(5);
    m.push("PollCarrier", "T9", "carrier");

    for (int i = 0; i < 6; i++) {
      assertThat(worker.runOnce()).as("run " + i).isTrue();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(services.calls).hasSize(6);
    assertThat(m.failed().count()).as("6 runs, 3 tries, none used").isZero();
    assertThat(m.size("carrier").total()).isZero();
  }

  @Test
  void producerMiddlewareStampsTheTenantAndHandlerMiddlewareSkipsCancelledOrders() {
    JobRegistry registry = new JobRegistry();
    Worker worker = JobControls.middleware(services, registry, connector);
    closeables.add(worker);
    QueueManager producer =
        QueueManager.builder()
            .connection("main", connector)
            .registry(registry)
            .pushListener(
                new org.thinkqueue.PushListener() {
                  @Override
                  public void onPushing(org.thinkqueue.OutgoingJob job) {
                    job.putField("tenant", services.currentTenant());
                  }
                })
            .build();
    producer.push("ShipOrder", new Order("cancelled-1"), "orders");
    producer.push("ShipOrder", new Order("o-2"), "orders");
    // (slf4j-simple keeps no MDC, so the field is checked where the middleware reads it.)
    assertThat(connector.readyPayloads("orders"))
        .allSatisfy(p -> assertThat(Payload.parse(p).stringField("tenant")).hasValue("acme"));

    assertThat(worker.runOnce()).isTrue();
    assertThat(worker.runOnce()).isTrue();
    assertThat(services.calls).as("the cancelled order was skipped").containsExactly("ship o-2");
    assertThat(producer.size("orders").total()).isZero();
  }

  // ---- the README quotes this module's source ----

  @Test
  void theReadmeQuotesTheExamples() throws IOException {
    assertThat(readmeBlock("## Retry policies", 0)).isEqualTo(quoted("README retry policies"));
    assertThat(readmeBlock("## Retry policies", 1)).isEqualTo(quoted("README retry deadline"));
    assertThat(readmeBlock("## Job middleware", 0)).isEqualTo(quoted("README job middleware"));
  }

  /** The lines between the markers, without the indentation they share. */
  private static List<String> quoted(String marker) throws IOException {
    List<String> source =
        Files.readAllLines(
            Path.of("src/main/java/org/thinkqueue/examples/JobControls.java"),
            StandardCharsets.UTF_8);
    List<String> lines =
        source.subList(
            source.indexOf("    // " + marker + ": begin") + 1,
            source.indexOf("    // " + marker + ": end"));
    assertThat(lines).as(marker).isNotEmpty();
    return lines.stream().map(l -> l.isEmpty() ? l : l.substring(4)).toList();
  }

  /** The n-th java block under a heading of the README. */
  private static List<String> readmeBlock(String heading, int n) throws IOException {
    List<String> readme =
        Files.readAllLines(Path.of("").toAbsolutePath().resolveSibling("README.md"));
    int at = readme.indexOf(heading);
    assertThat(at).as(heading).isNotNegative();
    for (int i = at + 1, found = 0; i < readme.size(); i++) {
      if (readme.get(i).startsWith("## ")) {
        break;
      }
      if (readme.get(i).equals("```java")) {
        int close = readme.subList(i + 1, readme.size()).indexOf("```") + i + 1;
        if (found++ == n) {
          return readme.subList(i + 1, close);
        }
        i = close;
      }
    }
    throw new AssertionError("no java block " + n + " under " + heading);
  }
}
