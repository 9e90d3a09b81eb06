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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinkqueue.Job;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.Payload;
import org.thinkqueue.examples.SyncOrderToShopify.Order;
import org.thinkqueue.limit.MemoryLimiterStore;

/**
 * The README's rate-limit example is SyncOrderToShopify.java, and its limits do what the README
 * says (the handler's middleware run here as the worker runs it, around a hand-written job).
 */
class RateLimitsReadmeTest {
  private static final String BEGIN = "// README rate limits: begin";
  private static final String END = "// README rate limits: end";

  private final SyncOrderToShopify handler =
      new SyncOrderToShopify(
          new MemoryLimiterStore(
              Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC)));

  @Test
  void aShopGetsItsBurstOfFortyThenJobsWaitForTheirTurnHalfASecondApart() throws Exception {
    List<TestJob> jobs = new ArrayList<>();
    for (int i = 0; i < 43; i++) {
      TestJob job = new TestJob();
      run(job, new Order("acme", i));
      jobs.add(job);
    }
    assertThat(jobs.subList(0, 40)).allMatch(j -> j.deleted && j.snoozed == null);
    assertThat(jobs.subList(40, 43))
        .extracting(j -> j.snoozed)
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1500));

    TestJob otherShop = new TestJob();
    run(otherShop, new Order("globex", 1));
    assertThat(otherShop.deleted).as("another shop has its own bucket").isTrue();
  }

  @Test
  void aSecondSyncOfAnOrderThatIsRunningIsSnoozed() throws Exception {
    TestJob first = new TestJob();
    TestJob second = new TestJob();
    List<JobMiddleware> chain = handler.policy().middleware();
    chain(chain, 0, first, new Order("acme", 7), () -> run(second, new Order("acme", 7)));

    assertThat(second.snoozed).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    assertThat(second.deleted).isFalse();
    TestJob third = new TestJob();
    run(third, new Order("acme", 7));
    assertThat(third.deleted).as("free again once the first ended").isTrue();
  }

  @Test
  void readmeQuotesTheSourceFile() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    List<String> source =
        Files.readAllLines(
            module.resolve("src/main/java/org/thinkqueue/examples/SyncOrderToShopify.java"),
            StandardCharsets.UTF_8);
    List<String> quoted = source.subList(source.indexOf(BEGIN) + 1, source.indexOf(END));
    assertThat(quoted)
        .contains(
            "public final class SyncOrderToShopify implements JobHandler<SyncOrderToShopify.Order> {");

    List<String> readme =
        Files.readAllLines(module.resolveSibling("README.md"), StandardCharsets.UTF_8);
    int heading = readme.indexOf("## Rate and concurrency limits");
    assertThat(heading).as("README heading").isNotNegative();
    int open = readme.subList(heading, readme.size()).indexOf("```java") + heading;
    int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
    assertThat(readme.subList(open + 1, close))
        .as(
            "the README's first java block under 'Rate and concurrency limits'; copy it from"
                + " SyncOrderToShopify.java between the markers")
        .containsExactlyElementsOf(quoted);
  }

  private void run(TestJob job, Order order) throws Exception {
    chain(handler.policy().middleware(), 0, job, order, () -> handler.fire(job, order));
  }

  private static void chain(
      List<JobMiddleware> chain, int i, Job job, Order order, JobMiddleware.Next handler)
      throws Exception {
    if (i == chain.size()) {
      handler.proceed();
    } else {
      chain.get(i).handle(job, order, () -> chain(chain, i + 1, job, order, handler));
    }
  }

  /** A job as a handler sees it, recording how it was settled. */
  private static final class TestJob implements Job {
    boolean deleted;
    Duration snoozed;

    @Override
    public String getId() {
      return "1";
    }

    @Override
    public String getName() {
      return "SyncOrderToShopify";
    }

    @Override
    public String getQueue() {
      return "shopify";
    }

    @Override
    public String getConnection() {
      return "memory";
    }

    @Override
    public int attempts() {
      return 1;
    }

    @Override
    public void delete() {
      deleted = true;
    }

    @Override
    public void release(Duration delay) {
      throw new AssertionError("the limits snooze, they do not release");
    }

    @Override
    public void snooze(Duration delay) {
      snoozed = delay;
    }

    @Override
    public boolean isDeleted() {
      return deleted;
    }

    @Override
    public boolean isReleased() {
      return snoozed != null;
    }

    @Override
    public void fail(Throwable cause) {
      throw new AssertionError(cause);
    }

    @Override
    public boolean hasFailed() {
      return false;
    }

    @Override
    public String getRawBody() {
      return "{}";
    }

    @Override
    public Payload payload() {
      throw new UnsupportedOperationException();
    }
  }
}
