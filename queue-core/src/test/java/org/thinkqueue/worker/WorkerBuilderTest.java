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
package org.thinkqueue.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;

/** The builder refuses bad settings at once, naming the setting. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerBuilderTest extends WorkerFixture {

  private static void assertRefused(Executable call, String setting) {
    assertThatThrownBy(call::execute)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(setting)
        .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo(setting));
  }

  @Test
  void refusesBadSettingsNamingThem() {
    assertRefused(() -> Worker.builder().threads(0), "threads");
    assertRefused(() -> Worker.builder().threads(1025), "threads");
    assertRefused(() -> Worker.builder().tries(-1), "tries");
    assertRefused(() -> Worker.builder().sleep(Duration.ofMillis(-1)), "sleep");
    assertRefused(() -> Worker.builder().sleep(null), "sleep");
    assertRefused(() -> Worker.builder().timeout(Duration.ofSeconds(-1)), "timeout");
    assertRefused(() -> Worker.builder().timeoutGrace(Duration.ofSeconds(-1)), "timeoutGrace");
    assertRefused(() -> Worker.builder().stopGrace(Duration.ofSeconds(-1)), "stopGrace");
    assertRefused(() -> Worker.builder().delay(Duration.ofSeconds(-1)), "delay");
    assertRefused(() -> Worker.builder().backoff(), "backoff");
    assertRefused(
        () -> Worker.builder().backoff(Duration.ofSeconds(1), Duration.ofSeconds(-1)), "backoff");
    assertRefused(() -> Worker.builder().maxJobs(-1), "maxJobs");
    assertRefused(() -> Worker.builder().maxTime(Duration.ZERO), "maxTime");
    assertRefused(() -> Worker.builder().memoryLimitMb(-1), "memoryLimitMb");
    assertRefused(() -> Worker.builder().queues(), "queues");
    assertRefused(() -> Worker.builder().queues(List.of()), "queues");
    assertRefused(() -> Worker.builder().queues("ok", "bad name!"), "queues");
    assertRefused(() -> Worker.builder().queues("ok", ""), "queues");
    assertRefused(() -> Worker.builder().threadFactory(null), "threadFactory");
    assertRefused(() -> Worker.builder().listener(null), "listener");
  }

  @Test
  void refusesAMissingManagerRegistryOrConnection() {
    assertRefused(() -> Worker.builder().build(), "manager");
    QueueManager producerOnly =
        QueueManager.builder().connection("memory", new MemoryConnector()).build();
    assertRefused(() -> Worker.builder().manager(producerOnly).build(), "registry");
    assertRefused(() -> Worker.builder().manager(manager).connection("nope").build(), "connection");
  }

  @Test
  void acceptsTheBoundaryValues() {
    Worker worker =
        build(
            worker()
                .threads(1)
                .tries(0)
                .sleep(Duration.ZERO)
                .timeout(Duration.ZERO)
                .delay(Duration.ZERO)
                .maxJobs(0)
                .maxTime(null)
                .memoryLimitMb(0)
                .queues("a", "b.c:{d}-e_f"));

    assertThat(worker.toString()).contains("[a, b.c:{d}-e_f]");
  }
}
