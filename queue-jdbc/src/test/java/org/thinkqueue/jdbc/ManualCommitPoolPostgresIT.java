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

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class ManualCommitPoolPostgresIT extends ManualCommitPoolSupport {
  @Override
  protected String jdbcUrl() {
    return Services.postgresJdbcUrl();
  }

  /**
   * LISTEN takes effect at commit and notifications arrive between transactions: on a pool without
   * auto-commit the listening connection must commit it. The job is delayed a minute, so only its
   * NOTIFY can end the wait early.
   */
  @Test
  void anIdleWaitEndsOnNotify() throws InterruptedException {
    registry.handle("Greet", Integer.class, id -> {});
    connector.awaitWork(List.of(QUEUE), Duration.ofMillis(50)); // LISTENs, then nothing to do
    manager.connection().later(Duration.ofMinutes(1), "Greet", 1, QUEUE);

    long start = System.nanoTime();
    connector.awaitWork(List.of(QUEUE), Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
