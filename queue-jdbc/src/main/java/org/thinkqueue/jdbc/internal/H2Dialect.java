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

import java.sql.Statement;
import java.time.Clock;
import org.thinkqueue.jdbc.Dialect;

/**
 * H2 2.x, the examples' embedded database: the two-step claim with unlocked candidates first. H2
 * runs in this JVM, so a connector may read "now" from a {@link Clock} instead of the database's
 * time function ({@link #withClock}), which lets tests move time instead of sleeping.
 */
final class H2Dialect implements JdbcDialect {
  static final H2Dialect INSTANCE = new H2Dialect(null, null);

  private final String clockKey;

  /** Held so the clock {@link H2Clock} keeps weakly lives as long as this dialect. */
  private final Clock clock;

  private H2Dialect(String clockKey, Clock clock) {
    this.clockKey = clockKey;
    this.clock = clock;
  }

  /**
   * A dialect whose SQL reads the time from {@code clock}; {@link #prepare} declares the functions
   * that do.
   */
  static H2Dialect withClock(Clock clock) {
    return new H2Dialect(H2Clock.register(clock), clock);
  }

  @Override
  public Dialect selector() {
    return Dialect.H2;
  }

  @Override
  public String nowSeconds() {
    return clockKey == null
        ? "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)) AS BIGINT)"
        : H2Clock.SECONDS + "('" + clockKey + "')";
  }

  @Override
  public String nowMillis() {
    return clockKey == null
        ? "CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)"
        : H2Clock.MILLIS + "('" + clockKey + "')";
  }

  @Override
  public void prepare(ConnectionSource source) {
    if (clock == null) {
      return;
    }
    Transactions.autoCommit(
        source,
        "declare the clock functions",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE ALIAS IF NOT EXISTS "
                    + H2Clock.SECONDS
                    + " FOR '"
                    + H2Clock.class.getName()
                    + ".seconds'");
            s.execute(
                "CREATE ALIAS IF NOT EXISTS "
                    + H2Clock.MILLIS
                    + " FOR '"
                    + H2Clock.class.getName()
                    + ".millis'");
          }
          return null;
        });
  }

  @Override
  public Reservation reservation(ConnectionSource source, TableLayout layout) {
    return new TwoStepReservation(source, layout, true);
  }
}
