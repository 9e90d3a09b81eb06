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
package org.thinkqueue.spring.boot.actuate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KnownQueuesTest {

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  @Test
  void theWorkersQueuesWhenNoneAreConfigured() {
    KnownQueues queues =
        new KnownQueues(
            new ThinkQueueActuatorProperties(),
            environment(
                Map.of(
                    "think-queue.worker.queues", "mail,sms",
                    "think-queue.workers.shop.queues[0]", "orders",
                    "think-queue.workers.shop.threads", "4",
                    "think-queue.workers.more.queues", "sms,tidio")));
    assertThat(queues.get()).containsExactlyInAnyOrder("mail", "sms", "orders", "tidio");
  }

  @Test
  void theConfiguredQueuesWin() {
    ThinkQueueActuatorProperties actuator = new ThinkQueueActuatorProperties();
    actuator.setQueues(List.of("only"));
    KnownQueues queues =
        new KnownQueues(actuator, environment(Map.of("think-queue.worker.queues", "mail")));
    assertThat(queues.get()).containsExactly("only");
  }

  @Test
  void nothingWhenNeitherIsSetSoTheDefaultQueueIsShown() {
    assertThat(new KnownQueues(new ThinkQueueActuatorProperties(), environment(Map.of())).get())
        .isEmpty();
  }
}
