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

import org.thinkqueue.jdbc.Dialect;

/**
 * MySQL 8+ and MariaDB 10.6+ (the versions with {@code FOR UPDATE SKIP LOCKED}); the two-step
 * claim.
 */
final class MySqlDialect implements JdbcDialect {
  static final MySqlDialect INSTANCE = new MySqlDialect();

  private MySqlDialect() {}

  @Override
  public Dialect selector() {
    return Dialect.MYSQL;
  }

  @Override
  public String nowSeconds() {
    return "UNIX_TIMESTAMP()";
  }

  @Override
  public String nowMillis() {
    return "FLOOR(UNIX_TIMESTAMP(NOW(3)) * 1000)";
  }

  /** think-queue's column is {@code TINYINT UNSIGNED}. */
  @Override
  public int attemptsCap() {
    return 255;
  }

  @Override
  public String failTimeEpoch() {
    return "UNIX_TIMESTAMP(fail_time)";
  }

  @Override
  public Reservation reservation(ConnectionSource source, TableLayout layout) {
    return new TwoStepReservation(source, layout, false);
  }

  /** MariaDB does not use the primary key for a row-constructor IN; it does for ORed equalities. */
  @Override
  public String deleteBatch(String table, int n) {
    StringBuilder sql = new StringBuilder("DELETE FROM ").append(table).append(" WHERE ");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "(id = ? AND attempts = ?)" : " OR (id = ? AND attempts = ?)");
    }
    return sql.toString();
  }
}
