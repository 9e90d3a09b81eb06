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

// README rate limits: begin
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.limit.ConcurrencyLimited;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.limit.RateLimited;

public final class SyncOrderToShopify implements JobHandler<SyncOrderToShopify.Order> {
  public record Order(String shop, long orderId) {}

  private final JobPolicy policy;

  // limits: new RedisLimiterStore(redisConnector), JdbcLimiterStore.builder(jdbcConnector).build()
  // or new MemoryLimiterStore(): every worker on the same store shares the limits.
  public SyncOrderToShopify(LimiterStore limits) {
    this.policy =
        JobPolicy.builder()
            .middleware(
                // Shopify's REST Admin API: a bucket of 40 requests per shop, refilled at 2/s.
                RateLimited.of(
                    limits,
                    RateLimit.perSecond(2).withBurst(40),
                    (job, data) -> "shopify:" + ((Order) data).shop()),
                // Never two syncs of one order at once, on any worker.
                ConcurrencyLimited.withoutOverlapping(
                    limits, (job, data) -> "shopify-order:" + ((Order) data).orderId()))
            .build();
  }

  @Override
  public JobPolicy policy() {
    return policy;
  }

  @Override
  public void fire(Job job, Order order) {
    // Call Shopify for order.orderId() of order.shop() here: this runs within both limits.
    job.delete();
  }
}
// README rate limits: end
