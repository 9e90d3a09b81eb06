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
package org.thinkqueue.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.UnknownJobException;

/**
 * Publishing on the sync driver: each subscriber's job runs inline, in the order they subscribed;
 * an unknown subscriber runs none of them; the first that throws stops the rest.
 */
class SyncFanOutTest {
  private final List<String> ran = new CopyOnWriteArrayList<>();

  private QueueManager sync(JobRegistry registry) {
    return QueueManager.builder()
        .connection("sync", SyncConnector.builder().registry(registry).build())
        .registry(registry)
        .build();
  }

  private JobRegistry handlers() {
    JobRegistry registry = new JobRegistry();
    for (String job : List.of("Email", "Message", "Marketing")) {
      registry.handle(job, Integer.class, user -> ran.add(job + ":" + user));
    }
    registry.handle(
        "Broken",
        Integer.class,
        user -> {
          throw new IllegalStateException("mailer down");
        });
    return registry;
  }

  @Test
  void eachSubscriberRunsInlineInOrderBeforePublishReturns() {
    JobRegistry registry =
        handlers()
            .subscribe("user.registered", "Email", "user_register_email")
            .subscribe("user.registered", "Message", "user_register_workman_message")
            .subscribe("user.registered", "Marketing", "sync_user_to_tidio");
    try (QueueManager queues = sync(registry)) {
      List<String> ids = queues.publish("user.registered", 7);

      assertThat(ids).hasSize(3).doesNotHaveDuplicates();
      assertThat(ran).containsExactly("Email:7", "Message:7", "Marketing:7");
    }
  }

  @Test
  void anUnknownSubscriberRunsNoneOfThem() {
    JobRegistry registry =
        handlers()
            .subscribe("user.registered", "Email", "a")
            .subscribe("user.registered", "NoSuchHandler", "b")
            .subscribe("user.registered", "Marketing", "c");
    try (QueueManager queues = sync(registry)) {
      assertThatThrownBy(() -> queues.publish("user.registered", 7))
          .isInstanceOf(UnknownJobException.class)
          .hasMessageContaining("NoSuchHandler");
      assertThat(ran).isEmpty();
    }
  }

  @Test
  void theFirstThatThrowsStopsTheRestAndReachesTheCaller() {
    JobRegistry registry =
        handlers()
            .subscribe("user.registered", "Email", "a")
            .subscribe("user.registered", "Broken", "b")
            .subscribe("user.registered", "Marketing", "c");
    try (QueueManager queues = sync(registry)) {
      assertThatThrownBy(() -> queues.publish("user.registered", 7))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("mailer down");
      assertThat(ran).containsExactly("Email:7");
    }
  }
}
