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
import java.time.Instant;
import org.slf4j.MDC;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.OutgoingJob;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.worker.Backoff;
import org.thinkqueue.worker.Worker;

/**
 * The README's "Retry policies" and "Job middleware" examples, compiled and run by {@code
 * JobControlsTest}, which also checks the README quotes them as they are here.
 */
public final class JobControls {
  private JobControls() {}

  /** A tracking number to send to a Shopify store. */
  public record Tracking(String shop, String number) {}

  /** A marketing campaign to push to a foreign API. */
  public record Campaign(String id) {}

  /** An order to ship. */
  public record Order(String id) {}

  /** Shopify answered 4xx: the request is wrong, and retrying cannot help. */
  public static final class ShopifyClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what Shopify said
     */
    public ShopifyClientError(String message) {
      super(message);
    }
  }

  /** The remote services the handlers call. */
  public interface Services {
    /** Sends a tracking number to Shopify. */
    void syncToShopify(Tracking tracking);

    /** Pushes a campaign to the marketing API (slow, fails now and then). */
    void pushCampaign(Campaign campaign) throws Exception;

    /** Whether the carrier knows the parcel yet. */
    boolean carrierReady(String trackingNo);

    /** Whether the order was cancelled since the job was pushed. */
    boolean cancelled(String orderId);

    /** Ships an order. */
    void ship(Order order);

    /** The tenant the current request works for. */
    String currentTenant();
  }

  /** The handlers with their policies. */
  static JobRegistry registry(Services s) {
    // README retry policies: begin
    JobRegistry registry =
        new JobRegistry()
            .handle(
                "SyncTrackingToShopify",
                Tracking.class,
                s::syncToShopify,
                JobPolicy.builder()
                    .tries(5)
                    .backoff(
                        Backoff.exponentialFullJitter(
                            Duration.ofSeconds(2), Duration.ofMinutes(10)))
                    .failFastOn(ShopifyClientError.class) // a 4xx fails at once: no retry helps
                    .build())
            .handle(
                "PushCampaign",
                Campaign.class,
                s::pushCampaign,
                JobPolicy.builder()
                    .retryFor(Duration.ofHours(6)) // retried for 6 h, whatever the count
                    .maxExceptions(10) // but failed at the 10th exception
                    .build())
            .register(
                "PollCarrier",
                String.class,
                (job, trackingNo) -> {
                  if (!s.carrierReady(trackingNo)) {
                    job.snooze(Duration.ofMinutes(1)); // again in a minute, no attempt used
                    return;
                  }
                  job.delete();
                });
    // README retry policies: end
    return registry;
  }

  /** A push with a deadline of its own. */
  static void pushWithDeadline(QueueManager queues, Campaign campaign) {
    // README retry deadline: begin
    queues.push(
        "PushCampaign",
        campaign,
        "marketing",
        JobOptions.retryUntil(Instant.now().plus(Duration.ofHours(1))));
    // README retry deadline: end
  }

  /** The producer and the worker with middleware on both sides. */
  static Worker middleware(Services s, JobRegistry registry, Connector connector) {
    // README job middleware: begin
    // Producer (client) middleware: stamps an extra payload field on every push.
    PushListener stampTenant =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            job.putField("tenant", s.currentTenant());
          }
        };
    QueueManager queues =
        QueueManager.builder()
            .connection("main", connector)
            .registry(registry)
            .pushListener(stampTenant)
            .build();

    // Worker middleware, around every handler: the tenant in the logging MDC while it runs.
    JobMiddleware tenantMdc =
        (job, data, next) -> {
          MDC.put("tenant", job.payload().stringField("tenant").orElse("-"));
          try {
            next.proceed();
          } finally {
            MDC.remove("tenant");
          }
        };
    // A handler's own middleware, inside the worker's: one that settles the job skips the handler.
    JobMiddleware skipCancelled =
        (job, data, next) -> {
          if (s.cancelled(((Order) data).id())) {
            job.delete(); // the handler does not run
            return;
          }
          next.proceed();
        };
    registry.handle(
        "ShipOrder", Order.class, s::ship, JobPolicy.builder().middleware(skipCancelled).build());
    Worker worker = Worker.builder().manager(queues).queues("orders").middleware(tenantMdc).build();
    // README job middleware: end
    return worker;
  }
}
