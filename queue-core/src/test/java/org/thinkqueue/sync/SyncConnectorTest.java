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
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.InvalidQueueNameException;
import org.thinkqueue.Job;
import org.thinkqueue.JobExecutionException;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.PayloadException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.UnknownJobException;
import org.thinkqueue.WireFormat;
import org.thinkqueue.event.JobFailed;
import org.thinkqueue.event.JobProcessed;
import org.thinkqueue.event.JobProcessing;
import org.thinkqueue.event.WorkerListener;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testing.MonitorHolder;

public class SyncConnectorTest {
  public record Welcome(String email, long userId) {}

  /** Records every event in order; the job and thread of each call are kept for assertions. */
  static final class Recorder implements WorkerListener {
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onJobProcessing(JobProcessing event) {
      events.add(event);
    }

    @Override
    public void onJobProcessed(JobProcessed event) {
      events.add(event);
    }

    @Override
    public void onJobFailed(JobFailed event) {
      events.add(event);
    }

    List<Class<?>> types() {
      return events.stream().<Class<?>>map(Object::getClass).toList();
    }
  }

  /** A handler with failed(), recording what it got. */
  static final class Capturing<T> implements JobHandler<T> {
    final AtomicReference<T> data = new AtomicReference<>();
    final AtomicReference<Job> job = new AtomicReference<>();
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicInteger fired = new AtomicInteger();
    final List<Object> failedData = new ArrayList<>();
    final List<Throwable> failedCauses = new ArrayList<>();
    Exception toThrow;
    Error errorToThrow;
    RuntimeException failedThrows;

    @Override
    public void fire(Job job, T data) throws Exception {
      fired.incrementAndGet();
      this.job.set(job);
      this.data.set(data);
      this.thread.set(Thread.currentThread());
      if (errorToThrow != null) {
        throw errorToThrow;
      }
      if (toThrow != null) {
        throw toThrow;
      }
    }

    @Override
    public void failed(T data, Throwable cause) {
      failedData.add(data);
      failedCauses.add(cause);
      if (failedThrows != null) {
        throw failedThrows;
      }
    }
  }

  /**
   * think-queue style class: each public (Job, T) method is a job {@code UserRegisterJob@method}.
   */
  public static final class UserRegisterJob {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public void sendWelcomeEmail(Job job, Welcome data) {
      calls.add("welcome:" + data.email() + ":" + job.getName());
      job.delete();
    }

    public void grantCoupon(Job job, Map<String, Object> data) {
      calls.add("coupon:" + data.get("code"));
      job.delete();
    }
  }

  private final JobRegistry registry = new JobRegistry();
  private final Recorder recorder = new Recorder();

  private QueueManager manager(SyncConnector.Builder connector) {
    return QueueManager.builder().connection("sync", connector.build()).registry(registry).build();
  }

  private QueueManager manager() {
    return manager(SyncConnector.builder().registry(registry).listener(recorder));
  }

  @Test
  void pushRunsTheHandlerInTheCallersThreadWithConvertedRecordData() {
    Capturing<Welcome> handler = new Capturing<>();
    registry.register("SendWelcome", Welcome.class, handler);
    QueueManager queues = manager();

    String id = queues.push("SendWelcome", new Welcome("a@example.com", 42), "emails");

    assertThat(handler.fired).hasValue(1);
    assertThat(handler.thread).hasValue(Thread.currentThread());
    assertThat(handler.data).hasValue(new Welcome("a@example.com", 42));
    Job job = handler.job.get();
    assertThat(id).hasSize(32).isEqualTo(job.getId());
    assertThat(job.getName()).isEqualTo("SendWelcome");
    assertThat(job.getQueue()).isEqualTo("emails");
    assertThat(job.getConnection()).isEqualTo("sync");
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.getRawBody())
        .startsWith(
            "{\"job\":\"SendWelcome\",\"maxTries\":null,\"timeout\":null,"
                + "\"data\":{\"email\":\"a@example.com\",\"userId\":42},\"id\":\""
                + id
                + "\"");
    assertThat(queues.size("emails")).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void pushConvertsDataToAMap() {
    Capturing<Map<String, Object>> handler = new Capturing<>();
    registry.register(
        "Tag",
        new JobHandler<Map<String, Object>>() {
          @Override
          public void fire(Job job, Map<String, Object> data) throws Exception {
            handler.fire(job, data);
          }
        });

    manager().push("Tag", Map.of("orderId", 1234567890123456789L, "tags", List.of("a", "b")));

    assertThat(handler.data.get())
        .containsEntry("orderId", 1234567890123456789L)
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void laterRunsImmediately() {
    Capturing<Welcome> handler = new Capturing<>();
    registry.register("SendWelcome", Welcome.class, handler);
    QueueManager queues = manager();

    queues.later(5, "SendWelcome", new Welcome("b@example.com", 1), "emails");
    assertThat(handler.fired).hasValue(1);
    queues.later(Duration.ofHours(1), "SendWelcome", new Welcome("c@example.com", 2));
    assertThat(handler.fired).hasValue(2);
    assertThat(handler.data).hasValue(new Welcome("c@example.com", 2));
    assertThat(handler.job.get().getQueue()).isEqualTo(QueueManager.DEFAULT_QUEUE);
  }

  @Test
  void classAtMethodHandlersRun() {
    UserRegisterJob jobs = new UserRegisterJob();
    registry.registerMethods("app\\job\\UserRegisterJob", jobs);
    QueueManager queues = manager();

    queues.push(
        "app\\job\\UserRegisterJob@sendWelcomeEmail",
        new Welcome("d@example.com", 7),
        "user_register");
    queues.push(
        "app\\job\\UserRegisterJob@grantCoupon", Map.of("code", "WELCOME10"), "user_register");

    assertThat(jobs.calls)
        .containsExactly(
            "welcome:d@example.com:app\\job\\UserRegisterJob@sendWelcomeEmail", "coupon:WELCOME10");
    assertThat(recorder.events)
        .filteredOn(JobProcessed.class::isInstance)
        .extracting(e -> ((JobProcessed) e).job().isDeleted())
        .containsExactly(true, true);
  }

  @Test
  void simpleStyleHandlerRunsAndCountsAsDeleted() {
    List<Welcome> seen = new ArrayList<>();
    registry.handle("welcome", Welcome.class, seen::add);

    manager().push("welcome", new Welcome("e@example.com", 3));

    assertThat(seen).containsExactly(new Welcome("e@example.com", 3));
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobProcessed.class);
    assertThat(((JobProcessed) recorder.events.get(1)).job().isDeleted()).isTrue();
  }

  @Test
  void listenersSeeProcessingThenProcessedForTheSameJob() {
    registry.handle(
        "busy",
        Object.class,
        data -> {
          long start = System.nanoTime();
          while (System.nanoTime() - start < 5_000_000L) {
            Thread.onSpinWait();
          }
        });

    String id = manager().push("busy", Map.of());

    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobProcessed.class);
    JobProcessing processing = (JobProcessing) recorder.events.get(0);
    JobProcessed processed = (JobProcessed) recorder.events.get(1);
    assertThat(processing.connection()).isEqualTo("sync");
    assertThat(processing.job().getId()).isEqualTo(id);
    assertThat(processed.job()).isSameAs(processing.job());
    assertThat(processed.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
  }

  @Test
  void connectionNameIsReportedInEventsAndJob() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);
    QueueManager queues =
        QueueManager.builder()
            .connection(
                "inline",
                SyncConnector.builder()
                    .registry(registry)
                    .connectionName("inline")
                    .listener(recorder)
                    .build())
            .registry(registry)
            .build();

    queues.push("x", 1);

    assertThat(handler.job.get().getConnection()).isEqualTo("inline");
    assertThat(((JobProcessing) recorder.events.get(0)).connection()).isEqualTo("inline");
  }

  @Test
  void throwingHandlerCallsFailedFiresJobFailedAndRethrowsTheSameException() {
    Capturing<Welcome> handler = new Capturing<>();
    IllegalStateException boom = new IllegalStateException("smtp down");
    handler.toThrow = boom;
    registry.register("SendWelcome", Welcome.class, handler);

    Throwable thrown =
        catchThrowable(() -> manager().push("SendWelcome", new Welcome("f@example.com", 4)));

    assertThat(thrown).isSameAs(boom);
    assertThat(handler.failedData).containsExactly(new Welcome("f@example.com", 4));
    assertThat(handler.failedCauses).containsExactly(boom);
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobFailed.class);
    JobFailed failed = (JobFailed) recorder.events.get(1);
    assertThat(failed.exception()).isSameAs(boom);
    assertThat(failed.connection()).isEqualTo("sync");
    assertThat(failed.job().hasFailed()).isTrue();
  }

  @Test
  void checkedExceptionReachesTheCallerWrappedInJobExecutionException() {
    Capturing<Welcome> handler = new Capturing<>();
    IOException io = new IOException("disk full");
    handler.toThrow = io;
    registry.register("SendWelcome", Welcome.class, handler);

    assertThatThrownBy(() -> manager().push("SendWelcome", new Welcome("g@example.com", 5)))
        .isInstanceOf(JobExecutionException.class)
        .hasCause(io)
        .hasMessageContaining("SendWelcome");
    assertThat(handler.failedCauses).containsExactly(io);
    assertThat(((JobFailed) recorder.events.get(1)).exception()).isSameAs(io);
  }

  @Test
  void errorReachesTheCallerAsIs() {
    Capturing<Object> handler = new Capturing<>();
    StackOverflowError error = new StackOverflowError("deep");
    handler.errorToThrow = error;
    registry.register("deep", Object.class, handler);

    assertThat(catchThrowable(() -> manager().push("deep", 1))).isSameAs(error);
    assertThat(handler.failedCauses).containsExactly(error);
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobFailed.class);
  }

  @Test
  void failedCallbackThatThrowsDoesNotHideTheJobsException() {
    Capturing<Object> handler = new Capturing<>();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalArgumentException cleanup = new IllegalArgumentException("cleanup failed");
    handler.toThrow = boom;
    handler.failedThrows = cleanup;
    registry.register("x", Object.class, handler);

    Throwable thrown = catchThrowable(() -> manager().push("x", 1));

    assertThat(thrown).isSameAs(boom);
    assertThat(thrown.getSuppressed()).containsExactly(cleanup);
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobFailed.class);
  }

  @Test
  void aPrebuiltExceptionDoesNotGrowWithEveryFailedCallbackThatThrows() {
    Capturing<Object> handler = new Capturing<>();
    IllegalStateException shared = new IllegalStateException("thrown by every run");
    handler.toThrow = shared;
    handler.failedThrows = new IllegalArgumentException("cleanup failed");
    registry.register("x", Object.class, handler);

    for (int i = 0; i < 20; i++) {
      assertThat(catchThrowable(() -> manager().push("x", 1))).isSameAs(shared);
    }

    assertThat(shared.getSuppressed()).hasSize(4);
  }

  @Test
  void interruptedHandlerRestoresTheInterruptFlag() {
    Capturing<Object> handler = new Capturing<>();
    handler.toThrow = new InterruptedException("stop");
    registry.register("x", Object.class, handler);

    try {
      assertThatThrownBy(() -> manager().push("x", 1))
          .isInstanceOf(JobExecutionException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void throwingListenerDoesNotBreakThePush() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);
    WorkerListener broken =
        new WorkerListener() {
          @Override
          public void onJobProcessing(JobProcessing event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onJobProcessed(JobProcessed event) {
            throw new IllegalStateException("listener bug");
          }
        };
    QueueManager queues =
        manager(SyncConnector.builder().registry(registry).listener(broken).listener(recorder));

    String id = queues.push("x", 1);

    assertThat(handler.fired).hasValue(1);
    assertThat(id).isEqualTo(handler.job.get().getId());
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobProcessed.class);
  }

  @Test
  void unknownJobIsRefusedBeforeAnythingRuns() {
    registry.handle("known", Object.class, data -> {});
    assertThatThrownBy(() -> manager().push("unknown", 1))
        .isInstanceOf(UnknownJobException.class)
        .hasMessageContaining("unknown");

    // A manager without a registry does not check names: the connector's registry still refuses it.
    QueueManager producerOnly =
        QueueManager.builder()
            .connection(
                "sync", SyncConnector.builder().registry(registry).listener(recorder).build())
            .build();
    assertThatThrownBy(() -> producerOnly.push("unknown", 1))
        .isInstanceOf(UnknownJobException.class)
        .satisfies(e -> assertThat(((UnknownJobException) e).jobName()).isEqualTo("unknown"));
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void dataJacksonCannotSerializeIsRefusedBeforeAnythingRuns() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);

    assertThatThrownBy(() -> manager().push("x", new Object()))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("'x'");
    assertThat(handler.fired).hasValue(0);
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void dataThatDoesNotFitTheHandlerTypeIsRefusedBeforeAnythingRuns() {
    Capturing<Welcome> handler = new Capturing<>();
    registry.register("SendWelcome", Welcome.class, handler);

    assertThatThrownBy(() -> manager().push("SendWelcome", Map.of("userId", "not a number")))
        .isInstanceOf(PayloadException.class);
    assertThat(handler.fired).hasValue(0);
    assertThat(handler.failedCauses).isEmpty();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void badQueueNameIsRefusedBeforeAnythingRuns() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);

    assertThatThrownBy(() -> manager().push("x", 1, "bad queue!"))
        .isInstanceOf(InvalidQueueNameException.class);
    assertThat(handler.fired).hasValue(0);
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void releaseOnlySetsTheFlagAndTheJobDoesNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    registry.register(
        "retry",
        Object.class,
        (job, data) -> {
          runs.incrementAndGet();
          job.release(10);
        });

    manager().push("retry", 1);

    assertThat(runs).hasValue(1);
    JobProcessed processed = (JobProcessed) recorder.events.get(1);
    assertThat(processed.job().isReleased()).isTrue();
    assertThat(processed.job().isDeleted()).isFalse();
  }

  @Test
  void jobFailedByItsHandlerGetsFailedCallbackAndJobFailedButThePushReturns() {
    IllegalStateException reason = new IllegalStateException("invalid address");
    List<Throwable> failedCauses = new ArrayList<>();
    registry.register(
        "x",
        Object.class,
        new JobHandler<Object>() {
          @Override
          public void fire(Job job, Object data) {
            job.fail(reason);
          }

          @Override
          public void failed(Object data, Throwable cause) {
            failedCauses.add(cause);
          }
        });

    String id = manager().push("x", 1);

    assertThat(id).hasSize(32);
    assertThat(failedCauses).containsExactly(reason);
    assertThat(recorder.types()).containsExactly(JobProcessing.class, JobFailed.class);
    JobFailed failed = (JobFailed) recorder.events.get(1);
    assertThat(failed.exception()).isSameAs(reason);
    assertThat(failed.job().hasFailed()).isTrue();
    assertThat(failed.job().isDeleted()).isTrue();
  }

  @Test
  void bulkRunsEachJobInOrder() {
    List<Integer> seen = new ArrayList<>();
    registry.handle("n", Integer.class, seen::add);

    List<String> ids = manager().bulk("n", List.of(1, 2, 3), "numbers");

    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(ids).hasSize(3).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(32));
  }

  @Test
  void v1WireFormatWritesThe1xPayloadAndStillReportsOneAttempt() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);
    QueueManager queues =
        manager(SyncConnector.builder().registry(registry).wireFormat(WireFormat.V1));

    String id = queues.push("x", 1);

    Job job = handler.job.get();
    assertThat(job.getRawBody())
        .isEqualTo("{\"job\":\"x\",\"data\":1,\"id\":\"" + id + "\",\"attempts\":1}");
    assertThat(job.attempts()).isEqualTo(1);
  }

  @Test
  void rawPayloadWithoutIdRunsWithAnEmptyId() {
    Capturing<Object> handler = new Capturing<>();
    registry.register("x", Object.class, handler);
    SyncConnector connector = SyncConnector.builder().registry(registry).build();

    String id = connector.pushRaw("q", "{\"job\":\"x\",\"data\":[]}", Duration.ZERO);

    assertThat(id).isEmpty();
    assertThat(handler.job.get().getId()).isEmpty();
    assertThat(handler.data.get()).isEqualTo(List.of());
  }

  @Test
  void nothingIsEverQueuedOrReserved() {
    SyncConnector connector = SyncConnector.builder().registry(registry).build();
    ReservedJob reserved =
        new ReservedJob("q", "{\"job\":\"x\"}", 1) {
          @Override
          public String id() {
            return "1";
          }
        };

    assertThat(connector.pop("q", 10)).isEmpty();
    assertThat(connector.size("q")).isEqualTo(new QueueSize(0, 0, 0));
    assertThat(connector.retryAfter()).isNull();
    assertThat(connector.payloadCarriesIdAndAttempts()).isTrue();
    assertThat(connector.wireFormat()).isEqualTo(WireFormat.V3);
    assertThatThrownBy(() -> connector.delete(reserved))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> connector.release(reserved, Duration.ZERO))
        .isInstanceOf(UnsupportedOperationException.class);
    connector.close();
    connector.close();
  }

  @Test
  void builderRequiresARegistryAndValidatesSettings() {
    assertThatThrownBy(() -> SyncConnector.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("registry"));
    assertThatThrownBy(() -> SyncConnector.builder().registry(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("registry");
    assertThatThrownBy(() -> SyncConnector.builder().connectionName(" "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("connectionName");
    assertThatThrownBy(() -> SyncConnector.builder().wireFormat(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("wireFormat");
    assertThatThrownBy(() -> SyncConnector.builder().listener(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("listener");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aHandlerHoldingTheJobsMonitorInAnotherThreadDoesNotBlockTheDriver() throws Exception {
    AtomicReference<MonitorHolder> holder = new AtomicReference<>();
    AtomicReference<Job> seen = new AtomicReference<>();
    registry.register(
        "Lock",
        String.class,
        (job, data) -> {
          seen.set(job);
          holder.set(MonitorHolder.lock(job));
          job.release(Duration.ZERO);
          job.delete();
        });
    try {
      CompletableFuture<String> push =
          CompletableFuture.supplyAsync(() -> manager().push("Lock", "a", "q"));

      assertThat(push.get(5, TimeUnit.SECONDS)).isNotBlank();
      assertThat(seen.get().isReleased()).isTrue();
      assertThat(seen.get().isDeleted()).as("released first: the delete is a no-op").isFalse();
    } finally {
      if (holder.get() != null) {
        holder.get().close();
      }
    }
  }
}
