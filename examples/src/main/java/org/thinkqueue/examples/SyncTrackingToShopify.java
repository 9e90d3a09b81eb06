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

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.limit.RateLimit;
import org.thinkqueue.limit.RateLimited;

/**
 * Queue {@code fulfillment_shopify_order}: posts tracking data to Shopify. An error throws, so the
 * worker releases the job with its back-off and tries again; a refusal (4xx) fails it at once, and
 * after the worker's tries any job lands in the failed-job store, where {@code failed} lists it and
 * {@code retry} runs it again once the cause is fixed.
 */
public final class SyncTrackingToShopify implements JobHandler<Tracking> {
  private static final Logger LOG = LoggerFactory.getLogger(SyncTrackingToShopify.class);

  private final HttpPoster http = new HttpPoster();
  private final String shopifyUrl;

  private final JobPolicy policy;

  /**
   * A handler for one shop's syncs.
   *
   * @param shopifyUrl where the shop's Admin API answers
   * @param limits the store every worker shares the shop's rate limit on
   * @param shop the shop, the rate limit's key
   */
  public SyncTrackingToShopify(String shopifyUrl, LimiterStore limits, String shop) {
    this.shopifyUrl = shopifyUrl;
    this.policy =
        JobPolicy.builder()
            // Shopify's REST Admin API allows about 2 requests/s per shop with a bucket of 40:
            // over it, the job waits for its slot (snoozed, no attempt used), on every worker.
            // On a database queue a snoozed job comes back on a whole second: book slots up to
            // a second ahead instead.
            .middleware(
                RateLimited.builder(
                        limits,
                        RateLimit.perSecond(2).withBurst(40),
                        (job, data) -> "shopify:" + shop)
                    .maxDelay(Duration.ofSeconds(1))
                    .build())
            .failFastOn(HttpPoster.Rejected.class)
            .build();
  }

  /**
   * Shopify answering 4xx (the order doesn't exist, the tracking is refused) will answer the same
   * on every try: fail the job at once, into the failed-job store, instead of using up the tries.
   */
  @Override
  public JobPolicy policy() {
    return policy;
  }

  @Override
  public void fire(Job job, Tracking tracking) throws Exception {
    http.post(
        shopifyUrl + "/shopify/orders/" + tracking.orderId() + "/fulfillments",
        "{\"tracking_number\":\""
            + tracking.trackingNumber()
            + "\",\"tracking_company\":\""
            + tracking.carrier()
            + "\"}");
    job.delete();
  }

  @Override
  public void failed(Tracking tracking, Throwable cause) {
    LOG.error(
        "Shopify never accepted the tracking of order {}: {}. It is in the failed-job store; fix the cause, "
            + "then run 'retry'.",
        tracking.orderId(),
        cause.getMessage());
  }
}
