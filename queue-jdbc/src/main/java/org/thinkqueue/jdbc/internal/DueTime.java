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
package org.thinkqueue.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.QueueConnection;

/**
 * Due times in whole seconds: a push's delay, and how long until a job of some queues may be
 * available.
 */
public final class DueTime {
  private final ConnectionSource source;
  private final TableLayout layout;

  public DueTime(ConnectionSource source, TableLayout layout) {
    this.source = source;
    this.layout = layout;
  }

  /**
   * Milliseconds until a delayed job is due or a reservation expires on one of the queues; 0 if
   * work is ready.
   */
  long millisUntilDue(List<String> queues) {
    long retryAfter = layout.retryAfter() == null ? -1 : layout.retryAfter().toSeconds();
    return Transactions.autoCommit(
        source,
        "look for due jobs",
        c -> {
          long best = Long.MAX_VALUE;
          try (PreparedStatement ps = c.prepareStatement(layout.due())) {
            for (String queue : queues) {
              ps.setString(1, queue);
              ps.setString(2, queue);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long dbNowMs = rs.getLong(1);
                long available = rs.getLong(2);
                if (!rs.wasNull()) {
                  // Ready once the database's whole-second clock reaches available: at available *
                  // 1000 ms.
                  best = Math.min(best, available * 1000 - dbNowMs);
                }
                long reservedAt = rs.getLong(3);
                if (!rs.wasNull() && retryAfter >= 0) {
                  best = Math.min(best, (reservedAt + retryAfter) * 1000 - dbNowMs);
                }
              }
              if (best <= 0) {
                return 0L;
              }
            }
          }
          return best;
        });
  }

  /**
   * The delay in whole seconds, as PHP writes it, rounded up so a job never starts before its
   * delay. Checked here as well as in {@link QueueConnection}: the SPI and the release path reach
   * this without it, and a due time past {@link QueueConnection#LATEST_DUE_TIME} would overflow
   * MariaDB's unsigned INT and PostgreSQL's sum.
   *
   * @throws InvalidDelayException if {@code delay} is null, negative, or due after the latest due
   *     time
   */
  public static long delaySeconds(Duration delay, Clock clock) {
    if (delay == null) {
      throw new InvalidDelayException(null, "must not be null; Duration.ZERO pushes for now");
    }
    if (delay.isNegative()) {
      throw new InvalidDelayException(delay, "must not be negative");
    }
    long latest = QueueConnection.LATEST_DUE_TIME.getEpochSecond() - clock.millis() / 1000;
    long s = delay.getSeconds();
    if (s > latest || (s == latest && delay.getNano() > 0)) {
      throw InvalidDelayException.tooLate(delay, QueueConnection.LATEST_DUE_TIME);
    }
    return delay.getNano() > 0 ? s + 1 : s;
  }
}
