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
package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;
import org.thinkqueue.worker.Worker;

@RequiresService(Service.POSTGRES)
class TransactionalPushPostgresIT extends TransactionalPushSupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }

  /**
   * The worker sleeps 5 s between polls, so a start within 1 s of the commit can only come from
   * NOTIFY, and NOTIFY is delivered only at commit.
   */
  @Test
  void anIdleWorkerStartsAJobPushedInATransactionRightAfterCommit() throws Exception {
    AtomicLong startedAt = new AtomicLong();
    registry.handle(
        "SendWelcome", Integer.class, id -> startedAt.compareAndSet(0, System.nanoTime()));
    Worker worker = worker(Duration.ofSeconds(5));
    worker.start();
    String channel = connector.channel().orElseThrow();
    await("the worker LISTENs on " + channel)
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                !tables
                    .query("SELECT pid FROM pg_stat_activity WHERE query = ?", "LISTEN " + channel)
                    .isEmpty());

    long committedAt;
    try (Connection conn = tables.pool.getConnection()) {
      conn.setAutoCommit(false);
      insertUser(conn, 5, "dave");
      manager.connection().push(conn, "SendWelcome", 5, QUEUE);
      await("nothing starts before commit")
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(1))
          .until(() -> startedAt.get() == 0);
      conn.commit();
      committedAt = System.nanoTime();
      conn.setAutoCommit(true);
    }

    await().atMost(Duration.ofSeconds(3)).until(() -> startedAt.get() != 0);
    assertThat(Duration.ofNanos(startedAt.get() - committedAt))
        .isPositive()
        .isLessThan(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(3)).until(() -> tables.count() == 0);
  }
}
