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
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.InvalidDelayException;
import org.thinkqueue.InvalidQueueNameException;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.PayloadTooLargeException;
import org.thinkqueue.QueueConnection;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.RawJson;
import org.thinkqueue.RegisteredJob;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.AwaitsWork;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ExtendsReservations;
import org.thinkqueue.spi.ReservedJob;

/**
 * The semantics every driver honours (design.md, "Semantics every driver honours" 1-7), checked
 * against the real backing store. A driver test subclasses it once per backend and wire format and
 * supplies fresh connectors; most subclasses are a constructor and {@link
 * #createConnector(Duration)}.
 *
 * <p>Each test uses its own queue names, so subclasses may share one database or Redis. What a
 * driver does not offer is declared with {@link Capabilities} flags: {@code
 * capabilitiesAreWhatTheFlagsDeclare} asserts its absence, and the tests of that capability are
 * skipped with an assumption naming it, never passed vacuously.
 *
 * <p>Time passes through a {@link TimeControl}: by default real time (a database or Redis keeps its
 * own clock); a store that reads an injected clock passes {@link TimeControl#of(MutableClock)} and
 * runs without waiting. Waits for a store-side timeout let time pass in short steps until the store
 * hands the job out again, with a bound; the only waits on the wall clock are those of {@code
 * awaitWork}, which blocks in real time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ConnectorContract {
  /** The short reservation timeout the expiry tests use: the shortest every connector accepts. */
  protected static final Duration SHORT_RETRY_AFTER = Connector.MIN_RETRY_AFTER;

  /**
   * Bounds a wait for a {@link #SHORT_RETRY_AFTER} reservation to expire, however busy the machine.
   */
  private static final Duration EXPIRY_WAIT = SHORT_RETRY_AFTER.multipliedBy(5);

  /**
   * How much time passes between two looks at the store while waiting for a timeout on its clock.
   */
  private static final Duration STEP = Duration.ofMillis(100);

  /** The payload that must survive every step byte for byte. */
  protected static final String EXACT_DATA =
      "{\"orderId\":1234567890123456789,\"tags\":[],\"meta\":{},\"note\":\"a/b \\u00e9\"}";

  private final WireFormat format;
  private final Capabilities capabilities;
  private final TimeControl time;
  private final List<Connector> connectors = new ArrayList<>();

  /**
   * The jobs the contract pushes ({@code contract-job} with any data, {@code contract-exact} with
   * {@link ExactData}), fresh before each test. A subclass's own tests may register more handlers
   * on it.
   */
  protected JobRegistry registry;

  /**
   * The queue of the running test, from {@link #newQueueName()} before each test; no other test
   * uses it.
   */
  protected String queue;

  /**
   * A suite on real time ({@link TimeControl#sleeping()}).
   *
   * @param format the wire format every connector from {@link #createConnector(Duration)} speaks;
   *     checked on each
   * @param capabilities what the driver offers beyond the core semantics
   */
  protected ConnectorContract(WireFormat format, Capabilities capabilities) {
    this(format, capabilities, TimeControl.sleeping());
  }

  /**
   * A suite whose time passes through {@code time}: {@link TimeControl#of(MutableClock)} when every
   * connector that {@link #createConnector(Duration)} returns reads that clock.
   *
   * @param format the wire format every connector from {@link #createConnector(Duration)} speaks;
   *     checked on each
   * @param capabilities what the driver offers beyond the core semantics
   * @param time how the suite lets time pass on the store under test
   */
  protected ConnectorContract(WireFormat format, Capabilities capabilities, TimeControl time) {
    this.format = format;
    this.capabilities = capabilities;
    this.time = time;
  }

  /**
   * What a driver offers beyond the core semantics; the defaults are what the memory and Redis
   * connectors do. Built with {@link #builder()}, e.g. {@code
   * Capabilities.builder().releaseKeepsId(false).build()}.
   */
  public static final class Capabilities {
    private final boolean releaseKeepsId;
    private final boolean extendsReservations;
    private final boolean awaitsWork;
    private final Duration idleWaitBlocksFor;

    private Capabilities(Builder b) {
      this.releaseKeepsId = b.releaseKeepsId;
      this.extendsReservations = b.extendsReservations;
      this.awaitsWork = b.awaitsWork;
      this.idleWaitBlocksFor = b.idleWaitBlocksFor;
    }

    /**
     * Everything offered: a released job keeps its id, reservations extend, idle waits wake on a
     * push.
     *
     * @return the capabilities of the memory and Redis connectors
     */
    public static Capabilities all() {
      return builder().build();
    }

    /**
     * Starts a declaration; every flag not set stays true, so a driver names only what it lacks.
     *
     * @return a builder with every capability declared
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Flags of {@link Capabilities}; each defaults to true. */
    public static final class Builder {
      private boolean releaseKeepsId = true;
      private boolean extendsReservations = true;
      private boolean awaitsWork = true;
      private Duration idleWaitBlocksFor = Duration.ofSeconds(1);

      private Builder() {}

      /**
       * Whether a released job keeps its id. Redis keeps the payload's id; think-queue's database
       * driver deletes the row and inserts a new one, so the id changes. When false, the tests of a
       * job handed out again compare its data and job name but not its id.
       *
       * @param keeps whether the id survives a release or an expiry
       * @return this builder
       */
      public Builder releaseKeepsId(boolean keeps) {
        this.releaseKeepsId = keeps;
        return this;
      }

      /**
       * Whether connectors implement {@link ExtendsReservations}; if not, the tests assert they do
       * not and the extension test is skipped.
       *
       * @param extend whether connectors extend reservations
       * @return this builder
       */
      public Builder extendsReservations(boolean extend) {
        this.extendsReservations = extend;
        return this;
      }

      /**
       * Whether connectors implement {@link AwaitsWork}: an idle wait that blocks while nothing is
       * due and returns promptly after a push through another connector or when a delayed job falls
       * due. If not, the tests assert they do not implement it, and the idle-wait tests are
       * skipped.
       *
       * @param await whether connectors implement {@link AwaitsWork}
       * @return this builder
       */
      public Builder awaitsWork(boolean await) {
        this.awaitsWork = await;
        return this;
      }

      /**
       * How long an idle {@code awaitWork} with nothing due must block at least (the shortest wait
       * the connector promises before a spurious return); 1 s by default. A wait that returns at
       * once would make a worker spin.
       *
       * @param d the shortest idle wait, positive
       * @return this builder
       * @throws IllegalArgumentException if {@code d} is null, zero or negative
       */
      public Builder idleWaitBlocksFor(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("idleWaitBlocksFor must be positive, was " + d);
        }
        this.idleWaitBlocksFor = d;
        return this;
      }

      /**
       * The declared capabilities.
       *
       * @return the flags set so far, the others true
       */
      public Capabilities build() {
        return new Capabilities(this);
      }
    }
  }

  /**
   * A new connector of the driver under test with the given reservation timeout ({@code null} =
   * never expires), speaking {@link #wireFormat()}. Several may be open at once, as separate worker
   * machines; all of them on the same store, so that a job pushed through one is seen by the
   * others. Called on the test thread, during a test (never in the constructor); the contract
   * closes every connector it asked for after the test.
   *
   * @param retryAfter the reservation timeout the connector applies, or {@code null} for
   *     reservations that never expire
   * @return a new, open connector; never one returned before
   */
  protected abstract Connector createConnector(Duration retryAfter);

  /**
   * The wire format this suite was built for.
   *
   * @return the format every connector of this suite must speak
   */
  protected final WireFormat wireFormat() {
    return format;
  }

  /**
   * Asserts that {@code later} is {@code earlier} handed out again (after a release or an expiry):
   * same data and job name, and the same id when the driver declares {@link
   * Capabilities.Builder#releaseKeepsId(boolean)}.
   *
   * @param later the job reserved the second time
   * @param earlier the job reserved the first time
   */
  protected final void assertSameJob(ReservedJob later, ReservedJob earlier) {
    if (capabilities.releaseKeepsId) {
      assertThat(later.id()).as("job id").isEqualTo(earlier.id());
    }
    assertThat(dataOf(later.rawBody())).as("job data").isEqualTo(dataOf(earlier.rawBody()));
    assertThat(Payload.parse(later.rawBody()).job())
        .isEqualTo(Payload.parse(earlier.rawBody()).job());
  }

  @BeforeEach
  void setUpContract() {
    registry = new JobRegistry();
    registry.handle("contract-job", JsonNode.class, d -> {});
    registry.handle("contract-exact", ExactData.class, d -> {});
    queue = newQueueName();
  }

  /**
   * A queue name unique to the test. Override to shape it, e.g. with a {@code {tag}} so that 1.x
   * keys share one Redis Cluster slot. Called on the test thread before each test and whenever a
   * test needs a second queue.
   *
   * @return a valid queue name no other test uses
   */
  protected String newQueueName() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeConnectors() {
    for (Connector c : connectors) {
      try {
        c.close();
      } catch (RuntimeException e) {
        // best effort
      }
    }
    connectors.clear();
  }

  /**
   * A tracked connector, closed after the test; the tests obtain every connector through this.
   *
   * @param retryAfter the reservation timeout, passed to {@link #createConnector(Duration)}
   * @return a new connector, checked to speak {@link #wireFormat()}
   */
  protected final Connector connector(Duration retryAfter) {
    Connector c = createConnector(retryAfter);
    assertThat(c.wireFormat()).as("connector wire format").isEqualTo(format);
    connectors.add(c);
    return c;
  }

  /**
   * A producer's view of {@code c}: a connection of a manager with {@link #registry}, through which
   * tests push jobs as an application does (payload built by core, input checked before the
   * connector sees it).
   *
   * @param c the connector to push through
   * @return a connection named {@code contract} on {@code c}
   */
  protected final QueueConnection producer(Connector c) {
    return QueueManager.builder().connection("contract", c).registry(registry).build().connection();
  }

  private static String dataOf(String raw) {
    return Payload.parse(raw).data().toString();
  }

  /**
   * The time control this suite runs on, for subclasses' own tests.
   *
   * @return the control given to the constructor, or {@link TimeControl#sleeping()}
   */
  protected final TimeControl time() {
    return time;
  }

  /**
   * Lets time pass in {@link #STEP}s until {@code c} hands out a job of {@code q}, and returns what
   * it handed out; fails once {@code limit} has passed on the store's clock without one.
   */
  private List<ReservedJob> advanceUntilPopped(Connector c, String q, int max, Duration limit) {
    Instant start = time.now();
    while (true) {
      List<ReservedJob> got = c.pop(q, max);
      if (!got.isEmpty()) {
        return got;
      }
      if (Duration.between(start, time.now()).compareTo(limit) > 0) {
        return fail("nothing of %s handed out again within %s (time: %s)", q, limit, time);
      }
      time.advance(STEP);
    }
  }

  /**
   * Returns once a {@link #SHORT_RETRY_AFTER} lease taken now has expired on the store's clock: a
   * canary job on a queue of its own, reserved here, is handed out again. Whatever was reserved
   * before this call has then been reserved for longer than the shortest expiry a connector may
   * apply.
   */
  private void awaitAShortLeaseToPass() {
    Connector canary = connector(SHORT_RETRY_AFTER);
    String canaryQueue = newQueueName();
    producer(canary).push("contract-job", "canary", canaryQueue);
    assertThat(canary.pop(canaryQueue, 1)).hasSize(1);
    canary.delete(advanceUntilPopped(canary, canaryQueue, 1, EXPIRY_WAIT).get(0));
  }

  // 1. push makes a job available now; later(d) not before d has passed.

  @Test
  void pushMakesAJobAvailableNow() {
    Connector c = connector(Duration.ofSeconds(60));
    String id = producer(c).push("contract-job", Map.of("n", 1), queue);
    List<ReservedJob> jobs = c.pop(queue, 1);
    assertThat(jobs).hasSize(1);
    ReservedJob job = jobs.get(0);
    assertThat(job.id()).isEqualTo(id);
    assertThat(job.queue()).isEqualTo(queue);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(Payload.parse(job.rawBody()).job()).isEqualTo("contract-job");
    assertThat(dataOf(job.rawBody())).isEqualTo("{\"n\":1}");
  }

  @Test
  void laterIsNotAvailableBeforeItsDelay() {
    Connector c = connector(Duration.ofSeconds(60));
    Instant start = time.now();
    producer(c).later(Duration.ofSeconds(2), "contract-job", "late", queue);
    assertThat(c.pop(queue, 1)).isEmpty();
    assertThat(c.size(queue).delayed()).isEqualTo(1);
    List<ReservedJob> got = advanceUntilPopped(c, queue, 1, Duration.ofSeconds(6));
    // Stores keep whole seconds: due at the start of a second, at most one second early.
    assertThat(Duration.between(start, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(got.get(0).attempts()).isEqualTo(1);
  }

  // 2. pop reserves the oldest available job (FIFO) and counts attempts.

  @Test
  void popIsFifoAndReservesUpToMax() {
    Connector c = connector(Duration.ofSeconds(60));
    QueueConnection p = producer(c);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(p.push("contract-job", i, queue));
    }
    List<ReservedJob> first = c.pop(queue, 3);
    List<ReservedJob> rest = c.pop(queue, 10);
    assertThat(first).extracting(ReservedJob::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(rest).extracting(ReservedJob::id).containsExactlyElementsOf(ids.subList(3, 5));
    assertThat(c.pop(queue, 10)).isEmpty();
  }

  @Test
  void popOfAnEmptyOrUnknownQueueIsEmpty() {
    Connector c = connector(Duration.ofSeconds(60));
    assertThat(c.pop(queue, 5)).isEmpty();
    assertThat(c.size(queue)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @Test
  void attemptsCountReservationsInBothFormats() {
    Connector c = connector(SHORT_RETRY_AFTER);
    producer(c).push("contract-job", "x", queue);
    ReservedJob first = c.pop(queue, 1).get(0);
    assertThat(first.attempts()).isEqualTo(1);
    if (c.payloadCarriesIdAndAttempts()) {
      // What PHP's getRawBody() returns: 3.x the pre-increment copy (0), 1.x the stored value (1).
      assertThat(Payload.parse(first.rawBody()).attempts())
          .hasValue(format == WireFormat.V3 ? 0 : 1);
    }
    c.release(first, Duration.ZERO);
    ReservedJob second = c.pop(queue, 1).get(0);
    assertThat(second.attempts()).isEqualTo(2);
    assertSameJob(second, first);
    // Let the reservation expire: the job comes back with its attempts kept, and this reservation
    // counts.
    assertThat(advanceUntilPopped(c, queue, 1, EXPIRY_WAIT).get(0).attempts()).isEqualTo(3);
  }

  // 3. A reserved job is invisible until deleted, released or expired.

  @Test
  void aReservedJobIsInvisibleToOtherPops() {
    Connector c = connector(Duration.ofSeconds(60));
    Connector other = connector(Duration.ofSeconds(60));
    producer(c).push("contract-job", "x", queue);
    assertThat(c.pop(queue, 1)).hasSize(1);
    assertThat(other.pop(queue, 1)).isEmpty();
    assertThat(c.pop(queue, 1)).isEmpty();
    assertThat(c.size(queue)).isEqualTo(new QueueSize(0, 0, 1));
  }

  @Test
  void anExpiredReservationIsRedeliveredWithAttemptsKept() {
    Connector c = connector(SHORT_RETRY_AFTER);
    producer(c).push("contract-exact", RawJson.of(EXACT_DATA), queue);
    ReservedJob first = c.pop(queue, 1).get(0);
    Connector other = connector(SHORT_RETRY_AFTER);
    ReservedJob second = advanceUntilPopped(other, queue, 1, EXPIRY_WAIT).get(0);
    assertThat(second.id())
        .isEqualTo(first.id()); // an expired reservation keeps its row or payload id
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(dataOf(second.rawBody())).isEqualTo(dataOf(first.rawBody()));
    assertThat(second.rawBody()).contains(EXACT_DATA);
  }

  @Test
  void aReservationThatNeverExpiresStaysReserved() {
    Connector c = connector(null);
    assertThat(c.retryAfter()).isNull();
    producer(c).push("contract-job", "x", queue);
    assertThat(c.pop(queue, 1)).hasSize(1);
    awaitAShortLeaseToPass();
    assertThat(c.pop(queue, 1)).isEmpty();
    assertThat(c.size(queue).reserved()).isEqualTo(1);
  }

  // 4. delete ends a job for good; release(d) makes it available again after d.

  @Test
  void deleteEndsAJobForGood() {
    Connector c = connector(SHORT_RETRY_AFTER);
    producer(c).push("contract-job", "x", queue);
    c.delete(c.pop(queue, 1).get(0));
    awaitAShortLeaseToPass(); // past the reservation timeout: a deleted job must not come back
    assertThat(c.pop(queue, 1)).isEmpty();
    assertThat(c.size(queue).total()).isZero();
  }

  @Test
  void releaseWithDelayMakesTheJobAvailableAfterTheDelay() {
    Connector c = connector(Duration.ofSeconds(60));
    producer(c).push("contract-job", "x", queue);
    ReservedJob job = c.pop(queue, 1).get(0);
    Instant start = time.now();
    c.release(job, Duration.ofSeconds(2));
    assertThat(c.pop(queue, 1)).isEmpty();
    assertThat(c.size(queue)).isEqualTo(new QueueSize(0, 1, 0));
    List<ReservedJob> got = advanceUntilPopped(c, queue, 1, Duration.ofSeconds(6));
    assertThat(Duration.between(start, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(got.get(0).attempts()).isEqualTo(2);
    assertSameJob(got.get(0), job);
  }

  @Test
  void releaseWithoutDelayMakesTheJobAvailableAtOnce() {
    Connector c = connector(Duration.ofSeconds(60));
    producer(c).push("contract-job", "x", queue);
    c.release(c.pop(queue, 1).get(0), Duration.ZERO);
    List<ReservedJob> again = c.pop(queue, 1);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).attempts()).isEqualTo(2);
  }

  @Test
  void actingOnAStaleReservationDoesNotTouchTheNewOne() {
    Connector c = connector(SHORT_RETRY_AFTER);
    producer(c).push("contract-job", "x", queue);
    ReservedJob stale = c.pop(queue, 1).get(0);
    List<ReservedJob> again = advanceUntilPopped(c, queue, 1, EXPIRY_WAIT);
    // The first worker wakes up late and acts on its expired reservation: nothing may be lost or
    // duplicated.
    c.release(stale, Duration.ZERO);
    c.delete(stale);
    assertThat(c.size(queue)).isEqualTo(new QueueSize(0, 0, 1));
    c.delete(again.get(0));
    assertThat(c.size(queue).total()).isZero();
  }

  // 5. Many consumers never receive the same reservation twice.

  @Test
  void twoConsumersNeverReceiveTheSameJob() throws Exception {
    int jobs = 2000;
    Connector producerConnector = connector(Duration.ofSeconds(60));
    List<Integer> items = IntStream.range(0, jobs).boxed().toList();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i += 500) {
      ids.addAll(
          producer(producerConnector).bulk("contract-job", items.subList(i, i + 500), queue));
    }
    assertThat(Set.copyOf(ids)).hasSize(jobs);
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        Connector consumer = connector(Duration.ofSeconds(60));
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  while (true) {
                    List<ReservedJob> batch = consumer.pop(queue, 7);
                    if (batch.isEmpty()) {
                      return null;
                    }
                    for (ReservedJob j : batch) {
                      if (seen.put(j.id(), 1) != null) {
                        duplicates.incrementAndGet();
                      }
                      consumer.delete(j);
                    }
                  }
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).hasValue(0);
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(producerConnector.size(queue).total()).isZero();
  }

  // 6. Payloads round-trip unknown fields and exact bytes.

  @Test
  void unknownFieldsOfAForeignPayloadSurviveReserveAndRelease() {
    Connector c = connector(Duration.ofSeconds(60));
    String payload =
        c.payloadCarriesIdAndAttempts()
            ? (format == WireFormat.V3
                ? "{\"job\":\"contract-job\",\"maxTries\":null,\"timeout\":null,\"x-php\":{\"k\":[1,{}]},"
                    + "\"data\":{\"a\":\"b\"},\"id\":\"ForeignJob000000000000000000001\",\"attempts\":0}"
                : "{\"job\":\"contract-job\",\"x-php\":{\"k\":[1,{}]},\"data\":{\"a\":\"b\"},"
                    + "\"id\":\"ForeignJob000000000000000000001\",\"attempts\":1}")
            : "{\"job\":\"contract-job\",\"maxTries\":null,\"timeout\":null,\"x-php\":{\"k\":[1,{}]},\"data\":{\"a\":\"b\"}}";
    producer(c).pushRaw(payload, queue);
    ReservedJob first = c.pop(queue, 1).get(0);
    assertThat(first.rawBody()).isEqualTo(payload);
    c.release(first, Duration.ZERO);
    ReservedJob second = c.pop(queue, 1).get(0);
    assertThat(second.rawBody())
        .contains("\"x-php\":{\"k\":[1,{}]}")
        .contains("\"data\":{\"a\":\"b\"}");
    assertThat(second.attempts()).isEqualTo(2);
  }

  @Test
  void theExactPayloadSurvivesByteForByte() throws Exception {
    Connector c = connector(Duration.ofSeconds(60));
    producer(c).push("contract-exact", RawJson.of(EXACT_DATA), queue);
    ReservedJob first = c.pop(queue, 1).get(0);
    assertThat(first.rawBody()).contains("\"data\":" + EXACT_DATA);
    c.release(first, Duration.ZERO);
    ReservedJob second = c.pop(queue, 1).get(0);
    assertThat(second.rawBody()).contains("\"data\":" + EXACT_DATA);
    RegisteredJob handler = registry.resolve("contract-exact");
    ExactData data = (ExactData) handler.convert(Payload.parse(second.rawBody()));
    assertThat(data.orderId()).isEqualTo(1234567890123456789L);
    assertThat(data.note()).isEqualTo("a/b \u00e9");
    assertThat(data.tags()).isEmpty();
    assertThat(data.meta()).isEmpty();
  }

  /**
   * The data type of the exact payload: what {@link #EXACT_DATA} converts to, a long beyond a
   * double's precision, empty containers and a non-ASCII string.
   *
   * @param orderId a long of 19 digits, lost if the store or codec goes through a double
   * @param tags an empty array, which must not become an object
   * @param meta an empty object, which must not become an array
   * @param note a text with a slash and an escaped non-ASCII character, both kept as written
   */
  public record ExactData(long orderId, List<String> tags, Map<String, Object> meta, String note) {}

  // bulk and size

  @Test
  void bulkPushesInOrderAndReturnsIds() {
    Connector c = connector(Duration.ofSeconds(60));
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    List<String> ids = producer(c).bulk("contract-job", items, queue);
    assertThat(ids).hasSize(100).doesNotHaveDuplicates();
    assertThat(c.size(queue).ready()).isEqualTo(100);
    List<ReservedJob> popped = c.pop(queue, 100);
    assertThat(popped).extracting(ReservedJob::id).containsExactlyElementsOf(ids);
    assertThat(popped)
        .extracting(j -> dataOf(j.rawBody()))
        .containsExactlyElementsOf(items.stream().map(String::valueOf).toList());
  }

  @Test
  void sizeCountsReadyDelayedAndReserved() {
    Connector c = connector(Duration.ofSeconds(60));
    QueueConnection p = producer(c);
    p.push("contract-job", 1, queue);
    p.push("contract-job", 2, queue);
    p.push("contract-job", 3, queue);
    p.later(Duration.ofSeconds(60), "contract-job", 4, queue);
    c.pop(queue, 1);
    assertThat(c.size(queue)).isEqualTo(new QueueSize(2, 1, 1));
    assertThat(c.size(queue).total()).isEqualTo(4);
    assertThat(p.size(queue)).isEqualTo(new QueueSize(2, 1, 1));
  }

  // 7. Invalid input is refused before anything is written.

  @Test
  void invalidInputIsRefusedBeforeAnythingIsWritten() {
    Connector c = connector(Duration.ofSeconds(60));
    QueueConnection p =
        QueueManager.builder()
            .connection("contract", c)
            .registry(registry)
            .maxPayloadBytes(4096)
            .build()
            .connection();
    assertThatThrownBy(() -> p.push(" ", "x", queue))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> p.push((String) null, "x", queue))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.push("contract-job", "x", "bad queue!"))
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageContaining("'bad queue!'");
    assertThatThrownBy(() -> p.later(-1, "contract-job", "x", queue))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining("-1");
    // Due times the wire format cannot hold (whole Unix seconds, think-queue's unsigned 32-bit
    // MySQL column).
    assertThatThrownBy(() -> p.later(Long.MAX_VALUE, "contract-job", "x", queue))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining(Long.toString(Long.MAX_VALUE))
        .hasMessageContaining(Long.toString(QueueConnection.LATEST_DUE_TIME.getEpochSecond()));
    Duration thousandYears = Duration.ofDays(365_000);
    assertThatThrownBy(() -> p.later(thousandYears, "contract-job", "x", queue))
        .isInstanceOf(InvalidDelayException.class)
        .hasMessageContaining(thousandYears.toString())
        .hasMessageContaining(QueueConnection.LATEST_DUE_TIME.toString());
    assertThatThrownBy(() -> p.push("contract-job", "x".repeat(5000), queue))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("4096");
    assertThatThrownBy(() -> p.push("contract-job", new Object(), queue))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("contract-job");
    assertThatThrownBy(() -> p.push("no-such-job", "x", queue))
        .isInstanceOf(org.thinkqueue.UnknownJobException.class)
        .hasMessageContaining("no-such-job");
    assertThatThrownBy(() -> p.bulk("contract-job", List.of("ok", new Object()), queue))
        .isInstanceOf(PayloadException.class);
    assertThat(c.size(queue).total()).isZero();
    assertThat(c.pop(queue, 10)).isEmpty();
  }

  // Capabilities

  @Test
  void capabilitiesAreWhatTheFlagsDeclare() {
    Connector c = connector(Duration.ofSeconds(60));
    assertThat(c instanceof ExtendsReservations)
        .as("implements ExtendsReservations")
        .isEqualTo(capabilities.extendsReservations);
    assertThat(c instanceof AwaitsWork)
        .as("implements AwaitsWork")
        .isEqualTo(capabilities.awaitsWork);
  }

  @Test
  void extendingAReservationKeepsTheJobInvisible() {
    // A lease longer than the minimum: on a whole-second store it lasts retryAfter - 1 s, and the
    // extensions below
    // (every (retryAfter - 1 s) / 3, as a worker's) then survive a test thread stalled for two
    // seconds on a busy
    // machine; with the 2 s minimum a one-second stall would expire the extended job too.
    assumeTrue(capabilities.extendsReservations, "capability extendsReservations not declared");
    Duration lease = Duration.ofSeconds(4);
    Connector c = connector(lease);
    ExtendsReservations extensions = (ExtendsReservations) c;
    QueueConnection p = producer(c);
    p.push("contract-job", "extended", queue);
    p.push("contract-job", "control", queue);
    List<ReservedJob> both = c.pop(queue, 2);
    assertThat(both).hasSize(2);
    ReservedJob job =
        both.stream()
            .filter(j -> dataOf(j.rawBody()).equals("\"extended\""))
            .findFirst()
            .orElseThrow();
    // Both reservations start together. Extend one, as often as a worker does (every (retryAfter -
    // 1 s) / 3), and
    // look from another connector until the control's reservation has expired: the extended job
    // must not come
    // back with it. Were extensions lost, both would come back in the same pop.
    Connector other = connector(lease);
    Duration every = lease.minusSeconds(1).dividedBy(3);
    List<ReservedJob> redelivered = new ArrayList<>();
    Instant start = time.now();
    while (redelivered.isEmpty()) {
      assertThat(Duration.between(start, time.now()))
          .as("time until the control's reservation expired")
          .isLessThan(lease.multipliedBy(5));
      assertThat(extensions.extend(job)).as("extending a live reservation").isTrue();
      time.advance(every);
      redelivered.addAll(other.pop(queue, 2));
    }
    assertThat(redelivered)
        .as("jobs handed out again; only the control's reservation was left to expire")
        .singleElement()
        .satisfies(j -> assertThat(dataOf(j.rawBody())).isEqualTo("\"control\""));
    assertThat(extensions.extend(job)).isTrue();
    c.delete(job);
    assertThat(extensions.extend(job)).as("extending a deleted job").isFalse();
    other.delete(redelivered.get(0));
    assertThat(c.size(queue).total()).isZero();
  }

  @Test
  void awaitWorkBlocksWhileNothingIsDueAndWakesUpOnAPush() throws Exception {
    assumeTrue(capabilities.awaitsWork, "capability awaitsWork not declared");
    Connector c = connector(Duration.ofSeconds(60));
    QueueConnection other = producer(connector(Duration.ofSeconds(60)));
    Duration timeout = Duration.ofSeconds(30);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> returnedAt =
          pool.submit(
              () -> {
                ((AwaitsWork) c).awaitWork(List.of(queue), timeout);
                return System.nanoTime();
              });
      // Nothing is due: the wait goes on for at least what the connector promises, it does not
      // return at once.
      // This watch is the assertion itself (real time must pass to see a wait block), and it also
      // tells that the
      // waiter is inside awaitWork before the push.
      Duration blocks = capabilities.idleWaitBlocksFor;
      await()
          .during(blocks)
          .atMost(blocks.plusSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .failFast(
              "awaitWork returned within "
                  + blocks
                  + " with nothing due (an idle worker would spin)",
              returnedAt::isDone)
          .until(() -> !returnedAt.isDone());
      long pushedAt = System.nanoTime();
      other.push("contract-job", "wake", queue);
      long wokeMs =
          TimeUnit.NANOSECONDS.toMillis(
              returnedAt.get(timeout.toSeconds(), TimeUnit.SECONDS) - pushedAt);
      assertThat(wokeMs).as("ms from the push to the end of a %s wait", timeout).isLessThan(5_000);
      assertThat(c.pop(queue, 1)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void awaitWorkReturnsWhenADelayedJobFallsDue() throws Exception {
    assumeTrue(capabilities.awaitsWork, "capability awaitsWork not declared");
    Connector c = connector(Duration.ofSeconds(60));
    producer(c).later(Duration.ofSeconds(1), "contract-job", "due", queue);
    long start = System.nanoTime();
    // A worker's idle loop: wait (its sleep, 3 s by default; here far longer), pop, again. The wait
    // may return
    // spuriously (the push itself may wake it) but must end when the job falls due, without
    // spinning.
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<List<ReservedJob>> idleLoop =
          pool.submit(
              () -> {
                List<ReservedJob> got = new ArrayList<>();
                int waits = 0;
                while (got.isEmpty()) {
                  assertThat(waits)
                      .as(
                          "awaitWork calls before the job fell due (a wait that returns at once spins)")
                      .isLessThan(5);
                  ((AwaitsWork) c).awaitWork(List.of(queue), Duration.ofSeconds(20));
                  waits++;
                  got.addAll(c.pop(queue, 1));
                }
                return got;
              });
      time.advance(Duration.ofSeconds(1));
      List<ReservedJob> got = idleLoop.get(20, TimeUnit.SECONDS);
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(waitedMs).as("ms until a job due in 1 s was reserved").isLessThan(5_000);
      assertThat(dataOf(got.get(0).rawBody())).isEqualTo("\"due\"");
    } finally {
      pool.shutdownNow();
    }
  }
}
