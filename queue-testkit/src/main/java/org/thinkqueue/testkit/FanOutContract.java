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
package org.thinkqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.OutgoingJob;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadTooLargeException;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.AtomicPush;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.worker.Worker;

/**
 * What publishing an event guarantees on every driver (issue #13, "Fan-out"): one job per
 * subscriber, on the subscriber's queue, with the subscriber's job name and the event's data,
 * exactly what a push of that name and data would store; the ids in subscriber order; all of the
 * jobs or none, however the publish fails part way; each job run by a worker like any other.
 * Checked against the real store, by queue sizes and by reserving the jobs.
 *
 * <p>A driver test subclasses it once per backend and wire format and supplies fresh connectors
 * with {@link #createConnector()}. Whether the store can be made to refuse one queue's write (to
 * fail a publish in the middle of its write) is a constructor flag; a store without such a write
 * (memory, where the publish is one step under a lock) skips that test with the reason.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class FanOutContract {
  /** Job names of the three subscribers, as in the seed's registration. */
  protected static final List<String> JOBS =
      List.of("FoWelcomeEmail", "FoSalesRepMessage", "FoMarketingPush");

  private final boolean refusesWrites;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** The queues of the running test, in subscriber order, from {@link #newQueueNames(int)}. */
  protected List<String> queues;

  /** The event of the running test. */
  protected String event;

  /**
   * @param refusesWrites whether {@link #refuseWritesTo(String)} makes the store refuse a queue's
   *     writes (Redis: a key of the wrong type; JDBC: a constraint); false for a store that has no
   *     write that can fail part way (memory)
   */
  protected FanOutContract(boolean refusesWrites) {
    this.refusesWrites = refusesWrites;
  }

  /**
   * A new connector of the driver under test, on the store every other connector of the test uses.
   * The contract closes it.
   *
   * @return a new, open connector that implements {@link AtomicPush}
   */
  protected abstract Connector createConnector();

  /**
   * Queue names unique to the test, in subscriber order. Override to shape them (a Redis Cluster
   * needs one shared hash tag).
   *
   * @param n how many
   * @return {@code n} distinct valid queue names no other test uses
   */
  protected List<String> newQueueNames(int n) {
    String base = "fo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(base + "_q" + i);
    }
    return names;
  }

  /**
   * Makes the store refuse every write to {@code queue} from now on, as a store-side failure would
   * (the contract checks that a plain push there fails). Only called when the constructor said the
   * store can.
   *
   * @param queue a queue of the running test
   * @throws Exception if the store could not be changed
   */
  protected void refuseWritesTo(String queue) throws Exception {
    throw new UnsupportedOperationException("refuseWritesTo");
  }

  /**
   * Runs after every manager and connector of the test is closed: drop tables, delete keys. Does
   * nothing by default.
   *
   * @param queues every queue the test used
   * @throws Exception if cleaning up fails
   */
  protected void cleanUp(List<String> queues) throws Exception {}

  @BeforeEach
  void names() {
    queues = newQueueNames(4);
    event = "fo.user.registered." + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeEverything() throws Exception {
    try {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (RuntimeException e) {
          // already closed
        }
      }
      closeables.clear();
    } finally {
      cleanUp(queues);
    }
  }

  /**
   * The seed's registration: three subscribers on the first three queues, in order.
   *
   * @return a registry with the event's three subscriptions
   */
  protected JobRegistry registration() {
    JobRegistry registry = new JobRegistry();
    for (int i = 0; i < JOBS.size(); i++) {
      registry.subscribe(event, JOBS.get(i), queues.get(i));
    }
    return registry;
  }

  /**
   * A manager on a new connector of the driver.
   *
   * @param registry the registry with the test's subscriptions
   * @return the manager; the contract closes it
   */
  protected QueueManager manager(JobRegistry registry) {
    return manager(QueueManager.builder().registry(registry));
  }

  private QueueManager manager(QueueManager.Builder builder) {
    Connector connector = createConnector();
    closeables.add(connector);
    assertThat(connector).as("the driver's connector").isInstanceOf(AtomicPush.class);
    QueueManager m = builder.connection("fo", connector).checkJobNamesOnPush(false).build();
    closeables.add(m);
    return m;
  }

  /**
   * The event's data: one user, as the registration code has it.
   *
   * @param id the user's id
   * @return the user as a map of its fields
   */
  protected static Map<String, Object> user(int id) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("email", "user" + id + "@example.com");
    user.put("name", "Ada \u00e9 " + id);
    return user;
  }

  private static QueueSize ready(long n) {
    return new QueueSize(n, 0, 0);
  }

  private List<ReservedJob> reserveAll(QueueManager m, String queue) {
    List<ReservedJob> jobs = m.connection().connector().pop(queue, 100);
    jobs.forEach(j -> m.connection().connector().delete(j));
    return jobs;
  }

  @Test
  void publishWritesOneJobPerSubscriberOnItsQueueExactlyAsAPushWould() {
    QueueManager m = manager(registration());
    List<String> ids = m.publish(event, user(1));

    assertThat(ids)
        .hasSize(3)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isNotBlank());
    for (int i = 0; i < 3; i++) {
      assertThat(m.size(queues.get(i))).as("queue %s", queues.get(i)).isEqualTo(ready(1));
    }
    for (int i = 0; i < 3; i++) {
      String pushedId = m.push(JOBS.get(i), user(1), queues.get(3));
      ReservedJob published = reserveAll(m, queues.get(i)).get(0);
      ReservedJob pushed = reserveAll(m, queues.get(3)).get(0);
      assertThat(published.id())
          .as("id of subscriber %d, in subscriber order", i)
          .isEqualTo(ids.get(i));
      assertThat(Payload.parse(published.rawBody()).job()).isEqualTo(JOBS.get(i));
      assertThat(withoutId(published.rawBody()))
          .as("the published payload, id aside, is what a push of the same job and data writes")
          .isEqualTo(withoutId(pushed.rawBody()));
      assertThat(pushed.id()).isEqualTo(pushedId);
    }
  }

  private static String withoutId(String raw) {
    String id = Payload.parse(raw).id();
    return id == null ? raw : raw.replace(id, "<id>");
  }

  @Test
  void idsComeBackInSubscriberOrderAlsoForSubscribersSharingAQueue() {
    JobRegistry registry = new JobRegistry();
    registry.subscribe(event, "FoFirst", queues.get(0));
    registry.subscribe(event, "FoSecond", queues.get(1));
    registry.subscribe(event, "FoThird", queues.get(0));
    QueueManager m = manager(registry);

    List<String> ids = m.publish(event, user(2));

    assertThat(m.size(queues.get(0))).isEqualTo(ready(2));
    List<ReservedJob> shared = reserveAll(m, queues.get(0));
    ReservedJob other = reserveAll(m, queues.get(1)).get(0);
    assertThat(shared)
        .extracting(j -> Payload.parse(j.rawBody()).job())
        .containsExactly("FoFirst", "FoThird");
    assertThat(ids).containsExactly(shared.get(0).id(), other.id(), shared.get(1).id());
  }

  @Test
  void aSubscriberWithADelayGetsADelayedJobTheOthersReadyOnes() {
    JobRegistry registry = new JobRegistry();
    registry.subscribe(event, JOBS.get(0), queues.get(0), Duration.ofHours(1));
    registry.subscribe(event, JOBS.get(1), queues.get(1));
    QueueManager m = manager(registry);

    assertThat(m.publish(event, user(3))).hasSize(2);

    assertThat(m.size(queues.get(0))).isEqualTo(new QueueSize(0, 1, 0));
    assertThat(m.size(queues.get(1))).isEqualTo(ready(1));
  }

  @Test
  void aPayloadOverTheSizeLimitInTheMiddleWritesNothing() {
    JobRegistry registry = new JobRegistry();
    String tooLong = "FoTooLong" + "x".repeat(1100);
    registry.subscribe(event, JOBS.get(0), queues.get(0));
    registry.subscribe(event, tooLong, queues.get(1));
    registry.subscribe(event, JOBS.get(2), queues.get(2));
    QueueManager m = manager(QueueManager.builder().registry(registry).maxPayloadBytes(1024));

    assertThatThrownBy(() -> m.publish(event, user(4)))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("FoTooLong");

    for (int i = 0; i < 3; i++) {
      assertThat(m.size(queues.get(i)).total()).as("jobs on %s", queues.get(i)).isZero();
    }
    // The first and last subscribers' payloads fit: pushed alone, they are written.
    m.push(JOBS.get(0), user(4), queues.get(0));
    assertThat(m.size(queues.get(0))).isEqualTo(ready(1));
  }

  @Test
  void aStoreRefusingTheMiddleQueueWritesNothingOfThePublish() throws Exception {
    assumeTrue(
        refusesWrites,
        "this store has no write that can fail part way: a publish is one step (memory: one lock)");
    QueueManager m = manager(registration());
    refuseWritesTo(queues.get(1));
    assertThatThrownBy(() -> m.push(JOBS.get(1), user(5), queues.get(1)))
        .as("the store refuses a plain push to the broken queue")
        .isInstanceOf(QueueException.class);

    assertThatThrownBy(() -> m.publish(event, user(5))).isInstanceOf(QueueDataException.class);

    assertThat(m.size(queues.get(0)).total()).as("jobs before the refused one").isZero();
    assertThat(m.size(queues.get(2)).total()).as("jobs after the refused one").isZero();
  }

  @Test
  void anEventWithoutSubscribersIsRefusedNamingItAndWritesNothing() {
    QueueManager m = manager(registration());
    String unknown = event + ".typo";

    assertThatThrownBy(() -> m.publish(unknown, user(6)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(unknown)
        .hasMessageContaining("subscribe");

    for (int i = 0; i < 3; i++) {
      assertThat(m.size(queues.get(i)).total()).isZero();
    }
  }

  @Test
  void pushListenersSeeEachJobAndStampItsPayload() {
    List<String> pushing = new CopyOnWriteArrayList<>();
    Map<String, String> pushed = new ConcurrentHashMap<>();
    PushListener listener =
        new PushListener() {
          @Override
          public void onPushing(OutgoingJob job) {
            pushing.add(job.job() + "@" + job.queue());
            job.putField("fo_trace", "trace-" + job.job());
          }

          @Override
          public void onPushed(OutgoingJob job, String id) {
            pushed.put(id, job.job());
          }
        };
    QueueManager m =
        manager(QueueManager.builder().registry(registration()).pushListener(listener));

    List<String> ids = m.publish(event, user(7));

    assertThat(pushing)
        .containsExactly(
            JOBS.get(0) + "@" + queues.get(0),
            JOBS.get(1) + "@" + queues.get(1),
            JOBS.get(2) + "@" + queues.get(2));
    for (int i = 0; i < 3; i++) {
      assertThat(pushed).containsEntry(ids.get(i), JOBS.get(i));
      ReservedJob job = reserveAll(m, queues.get(i)).get(0);
      assertThat(job.rawBody()).contains("\"fo_trace\":\"trace-" + JOBS.get(i) + "\"");
    }
  }

  @Test
  void eachJobRunsThroughAWorkerWithItsSubscribersHandlerAndTheData() {
    Map<String, List<Object>> seen = new ConcurrentHashMap<>();
    JobRegistry registry = registration();
    for (String job : JOBS) {
      registry.handle(
          job,
          Map.class,
          data -> seen.computeIfAbsent(job, k -> new CopyOnWriteArrayList<>()).add(data));
    }
    QueueManager m = manager(registry);
    m.publish(event, user(8));

    try (Worker worker = Worker.builder().manager(m).queues(queues.subList(0, 3)).build()) {
      int ran = 0;
      while (worker.runOnce()) {
        ran++;
      }
      assertThat(ran).isEqualTo(3);
    }
    for (String job : JOBS) {
      assertThat(seen.get(job)).as("runs of %s", job).containsExactly(user(8));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(m.size(queues.get(i)).total()).isZero();
    }
  }

  @Test
  void concurrentPublishesKeepEveryEventWholeOnEveryQueue() throws Exception {
    QueueManager m = manager(registration());
    int threads = 4;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<List<String>> allIds = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    allIds.add(m.publish(event, user(next.incrementAndGet())));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int events = threads * perThread;
    for (int i = 0; i < 3; i++) {
      List<ReservedJob> jobs = new ArrayList<>();
      List<ReservedJob> batch;
      while (!(batch = reserveAll(m, queues.get(i))).isEmpty()) {
        jobs.addAll(batch);
      }
      int subscriber = i;
      assertThat(jobs).hasSize(events);
      assertThat(jobs)
          .extracting(ReservedJob::id)
          .as("the ids publish returned for subscriber %d", i)
          .containsExactlyInAnyOrderElementsOf(
              allIds.stream().map(ids -> ids.get(subscriber)).toList());
      assertThat(jobs)
          .extracting(j -> Payload.parse(j.rawBody()).data().get("id").asInt())
          .as("every event once on %s", queues.get(i))
          .doesNotHaveDuplicates()
          .hasSize(events);
    }
  }
}
