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
package org.thinkqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.RawPush;
import org.thinkqueue.testing.RecordingConnector;

/** Subscriptions in the registry and what publish checks before anything is written. */
class FanOutTest {
  private static final String EVENT = "user.registered";

  private static JobRegistry registration() {
    return new JobRegistry()
        .subscribe(EVENT, "WelcomeEmail", "user_register_email", Duration.ofSeconds(5))
        .subscribe(EVENT, "SalesRepMessage", "user_register_workman_message")
        .subscribe(EVENT, "SyncUserToTidio", "sync_user_to_tidio");
  }

  @Test
  void subscriptionsAreListedPerEventInTheOrderTheySubscribed() {
    JobRegistry registry = registration().subscribe("order.shipped", "SyncTracking", null);

    assertThat(registry.subscriptions(EVENT))
        .containsExactly(
            new Subscription(EVENT, "WelcomeEmail", "user_register_email", Duration.ofSeconds(5)),
            new Subscription(
                EVENT, "SalesRepMessage", "user_register_workman_message", Duration.ZERO),
            new Subscription(EVENT, "SyncUserToTidio", "sync_user_to_tidio", Duration.ZERO));
    assertThat(registry.subscriptions().keySet()).containsExactly("order.shipped", EVENT);
    assertThat(registry.subscriptions("nothing.subscribes")).isEmpty();
    assertThat(registry.subscriptions(EVENT).get(0).toString())
        .isEqualTo("user.registered -> WelcomeEmail on 'user_register_email' after PT5S");
    assertThatThrownBy(() -> registry.subscriptions(EVENT).add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void subscribeChecksItsArgumentsAndRefusesTheSameSubscriberTwice() {
    JobRegistry registry = registration();

    assertThatThrownBy(() -> registry.subscribe(" ", "Job", "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Event name");
    assertThatThrownBy(() -> registry.subscribe(EVENT, null, "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Job name");
    assertThatThrownBy(() -> registry.subscribe(EVENT, "Job", "bad queue"))
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageContaining("bad queue");
    assertThatThrownBy(() -> registry.subscribe(EVENT, "Job", "q", Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidDelayException.class);
    assertThatThrownBy(
            () -> registry.subscribe(EVENT, "SalesRepMessage", "user_register_workman_message"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SalesRepMessage")
        .hasMessageContaining("already subscribes")
        .hasMessageContaining(EVENT);
    registry.subscribe(EVENT, "SalesRepMessage", "audit");
    assertThat(registry.subscriptions(EVENT)).hasSize(4);
  }

  @Test
  void aDriverThatCannotWriteAllOrNoneIsRefusedNamingItAndNothingIsWritten() {
    RecordingConnector recording = new RecordingConnector(WireFormat.V3, true);
    try (QueueManager queues =
        QueueManager.builder().connection("legacy", recording).registry(registration()).build()) {
      assertThat(queues.connection().supportsAtomicPush()).isFalse();
      assertThatThrownBy(() -> queues.publish(EVENT, Map.of("id", 1)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("'legacy'")
          .hasMessageContaining(RecordingConnector.class.getName())
          .hasMessageContaining("AtomicPush")
          .hasMessageContaining(EVENT);
      assertThat(recording.pushed()).isEmpty();
    }
  }

  @Test
  void publishNeedsARegistry() {
    try (QueueManager queues =
        QueueManager.builder().connection("memory", new MemoryConnector()).build()) {
      assertThatThrownBy(() -> queues.publish(EVENT, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("JobRegistry");
    }
  }

  @Test
  void subscriberJobNamesNeedNoHandlerInTheProducersRegistry() {
    MemoryConnector memory = new MemoryConnector();
    try (QueueManager queues =
        QueueManager.builder()
            .connection("memory", memory)
            .registry(registration())
            .checkJobNamesOnPush(true)
            .build()) {
      assertThatThrownBy(() -> queues.push("WelcomeEmail", 1, "user_register_email"))
          .as("a plain push is checked")
          .isInstanceOf(UnknownJobException.class);
      assertThat(queues.publish(EVENT, 1)).hasSize(3);
      assertThat(memory.delayedPayloads("user_register_email")).hasSize(1);
      assertThat(memory.readyPayloads("user_register_workman_message")).hasSize(1);
      assertThat(memory.readyPayloads("sync_user_to_tidio")).hasSize(1);
    }
  }

  @Test
  void aSubscriberWithoutAQueueGetsTheConnectionsDefaultQueueAlsoThroughTheFacade()
      throws Exception {
    Field facade = Queue.class.getDeclaredField("manager");
    facade.setAccessible(true);
    Object saved = facade.get(null);
    MemoryConnector memory = new MemoryConnector();
    JobRegistry registry = new JobRegistry().subscribe("ping", "Pong", null);
    try (QueueManager queues =
        QueueManager.builder()
            .connection("memory", memory)
            .registry(registry)
            .defaultQueue("fo_default")
            .build()) {
      Queue.use(queues);
      List<String> ids = Queue.publish("ping", "hello");
      assertThat(ids).hasSize(1);
      assertThat(memory.readyPayloads("fo_default"))
          .singleElement()
          .asString()
          .contains("\"Pong\"");
    } finally {
      facade.set(null, saved);
    }
  }

  @Test
  void aWriteThatFailsIsReportedToTheListenersOfEveryJobAndToTheCaller() {
    List<String> failed = new ArrayList<>();
    PushListener listener =
        new PushListener() {
          @Override
          public void onPushFailed(OutgoingJob job, RuntimeException error) {
            failed.add(job.job() + ": " + error.getMessage());
          }
        };
    try (QueueManager queues =
        QueueManager.builder()
            .connection("refusing", new RefusingConnector())
            .registry(registration())
            .pushListener(listener)
            .build()) {
      assertThatThrownBy(() -> queues.publish(EVENT, 1))
          .isInstanceOf(QueueDataException.class)
          .hasMessage("refused");
    }
    assertThat(failed)
        .containsExactly(
            "WelcomeEmail: refused", "SalesRepMessage: refused", "SyncUserToTidio: refused");
  }

  /** Refuses every atomic write, as a store that was reached and said no. */
  private static final class RefusingConnector extends RecordingConnector implements AtomicPush {
    RefusingConnector() {
      super(WireFormat.V3, true);
    }

    @Override
    public List<String> pushAll(List<RawPush> pushes) {
      throw new QueueDataException("refused", null);
    }
  }
}
