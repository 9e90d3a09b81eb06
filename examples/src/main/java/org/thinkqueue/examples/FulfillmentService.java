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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.thinkqueue.JobOptions;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.spi.TransactionalPush;

/**
 * The fulfilment platform's one-shot tracking callback: store the tracking data, then enqueue the
 * sync to Shopify, which is retried with back-off until Shopify accepts it, so the callback never
 * loses an update again.
 */
public final class FulfillmentService {
  private final DataSource db;
  private final QueueConnection queue;
  private final PushRecorder recorder;

  public FulfillmentService(DataSource db, QueueConnection queue, PushRecorder recorder) {
    this.db = db;
    this.queue = queue;
    this.recorder = recorder;
  }

  public void onTrackingCallback(Tracking tracking) throws SQLException {
    boolean inTransaction = queue.connector() instanceof TransactionalPush;
    long start = System.nanoTime();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement del =
            c.prepareStatement("DELETE FROM example_tracking WHERE order_id = ?")) {
          del.setString(1, tracking.orderId());
          del.executeUpdate();
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO example_tracking (order_id, tracking_number, carrier) VALUES (?, ?, ?)")) {
          ins.setString(1, tracking.orderId());
          ins.setString(2, tracking.trackingNumber());
          ins.setString(3, tracking.carrier());
          ins.executeUpdate();
        }
        if (inTransaction) {
          recorder.pushed(
              queue.push(
                  c,
                  "SyncTrackingToShopify",
                  tracking,
                  "fulfillment_shopify_order",
                  once(tracking)),
              start,
              Duration.ZERO);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (!inTransaction) {
      recorder.pushed(
          queue.push(
              "SyncTrackingToShopify", tracking, "fulfillment_shopify_order", once(tracking)),
          start,
          Duration.ZERO);
    }
  }

  /**
   * The carrier may call the callback twice for one order: while the order's sync job exists
   * (waiting, delayed or running), a second push writes nothing and returns that job's id.
   */
  private static JobOptions once(Tracking tracking) {
    return JobOptions.uniqueKey("shipping:" + tracking.orderId());
  }
}
