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
package org.thinkqueue.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.internal.PayloadCodec;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testing.Golden;
import org.thinkqueue.testing.MutableClock;

class MemoryConnectorTest {
  private static final String ID = Golden.SAMPLE_ID;
  private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);

  private MemoryConnector connector(WireFormat format, Duration retryAfter) {
    return MemoryConnector.builder().wireFormat(format).retryAfter(retryAfter).clock(clock).build();
  }

  private static ReservedJob popOne(MemoryConnector c, String queue) {
    List<ReservedJob> jobs = c.pop(queue, 1);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void v3ReservedCopyHasAttemptsPlusOneWhileRawBodyIsTheOriginal() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    String a1 = Golden.member("v3.txt", "A1", ID);
    assertThat(c.pushRaw("q", a1, Duration.ZERO)).isEqualTo(ID);

    ReservedJob job = popOne(c, "q");
    assertThat(job.rawBody()).isEqualTo(a1);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.id()).isEqualTo(ID);
    assertThat(job.queue()).isEqualTo("q");

    c.release(job, Duration.ZERO);
    // What goes back is the reserved copy: attempts 1, every other byte as pushed.
    String released = a1.replace("\"attempts\":0}", "\"attempts\":1}");
    assertThat(c.readyPayloads("q")).containsExactly(released);

    ReservedJob second = popOne(c, "q");
    assertThat(second.rawBody()).isEqualTo(released);
    assertThat(second.attempts()).isEqualTo(2);
  }

  @Test
  void v1KeepsAttemptsOnPopAndBumpsOnRelease() {
    MemoryConnector c = connector(WireFormat.V1, Duration.ofSeconds(60));
    String a1 = Golden.member("v1.txt", "A1", ID);
    c.pushRaw("q", a1, Duration.ZERO);

    ReservedJob job = popOne(c, "q");
    assertThat(job.rawBody()).isEqualTo(a1);
    assertThat(job.attempts()).isEqualTo(1);

    c.release(job, Duration.ofSeconds(5));
    // Golden v1 A3: released with attempts 2 into the delayed set.
    assertThat(c.delayedPayloads("q")).containsExactly(Golden.member("v1.txt", "A3", ID));
    clock.advance(Duration.ofSeconds(5));
    ReservedJob again = popOne(c, "q");
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.rawBody()).isEqualTo(Golden.member("v1.txt", "A3", ID));
  }

  @Test
  void v1BumpsAttemptsWhenAReservationExpires() {
    MemoryConnector c = connector(WireFormat.V1, Duration.ofSeconds(2));
    c.pushRaw("q", Golden.member("v1.txt", "A1", ID), Duration.ZERO);
    ReservedJob first = popOne(c, "q");

    clock.advance(Duration.ofMillis(1999));
    assertThat(c.pop("q", 1)).isEmpty();
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 0, 1));

    clock.advance(Duration.ofMillis(1));
    ReservedJob second = popOne(c, "q");
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.rawBody()).isEqualTo(Golden.member("v1.txt", "A3", ID));

    // The expired reservation is gone: acting on it does not touch the new one.
    c.delete(first);
    c.release(first, Duration.ZERO);
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 0, 1));
  }

  @Test
  void v3ExpiryPutsTheReservedCopyBack() {
    MemoryConnector c = connector(WireFormat.V3, Connector.MIN_RETRY_AFTER);
    c.pushRaw("q", Golden.member("v3.txt", "A1", ID), Duration.ZERO);
    popOne(c, "q");
    clock.advance(Connector.MIN_RETRY_AFTER);

    ReservedJob second = popOne(c, "q");
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(PayloadCodec.shared().attemptsOf(second.rawBody())).hasValue(1);
  }

  @Test
  void delayedJobsAreInvisibleUntilDue() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    c.pushRaw("q", "{\"job\":\"late\",\"id\":\"b\",\"attempts\":0}", Duration.ofSeconds(10));
    c.pushRaw("q", "{\"job\":\"later\",\"id\":\"c\",\"attempts\":0}", Duration.ofSeconds(20));
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 2, 0));

    clock.advance(Duration.ofMillis(9999));
    assertThat(c.pop("q", 10)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(c.pop("q", 10)).extracting(ReservedJob::id).containsExactly("b");
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 1, 1));
  }

  @Test
  void fifoAndBatchPop() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    List<String> ids =
        c.bulkRaw(
            "q",
            List.of(
                "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}",
                "{\"job\":\"j\",\"id\":\"2\",\"attempts\":0}",
                "{\"job\":\"j\",\"id\":\"3\",\"attempts\":0}"));
    assertThat(ids).containsExactly("1", "2", "3");

    assertThat(c.pop("q", 2)).extracting(ReservedJob::id).containsExactly("1", "2");
    assertThat(c.pop("q", 2)).extracting(ReservedJob::id).containsExactly("3");
    assertThat(c.pop("q", 2)).isEmpty();
    assertThat(c.pop("other", 2)).isEmpty();
  }

  @Test
  void releaseWithDelay() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    c.pushRaw("q", "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}", Duration.ZERO);
    ReservedJob job = popOne(c, "q");

    c.release(job, Duration.ofSeconds(5));
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 1, 0));
    clock.advance(Duration.ofSeconds(4));
    assertThat(c.pop("q", 1)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(popOne(c, "q").attempts()).isEqualTo(2);

    // Releasing twice does not duplicate the job.
    c.release(job, Duration.ZERO);
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 0, 1));
  }

  @Test
  void deleteEndsTheJob() {
    MemoryConnector c = connector(WireFormat.V3, Connector.MIN_RETRY_AFTER);
    c.pushRaw("q", "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}", Duration.ZERO);
    c.delete(popOne(c, "q"));
    clock.advance(Duration.ofSeconds(10));
    assertThat(c.pop("q", 1)).isEmpty();
    assertThat(c.size("q").total()).isZero();
  }

  @Test
  void extendKeepsAReservationAlivePastRetryAfter() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(10));
    c.pushRaw("q", "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}", Duration.ZERO);
    ReservedJob job = popOne(c, "q");

    clock.advance(Duration.ofSeconds(8));
    assertThat(c.extend(job)).isTrue();
    clock.advance(Duration.ofSeconds(8)); // 16 s after pop, 8 s after the extension
    assertThat(c.pop("q", 1)).isEmpty();
    assertThat(c.size("q")).isEqualTo(new QueueSize(0, 0, 1));

    clock.advance(Duration.ofSeconds(2)); // 10 s after the extension
    ReservedJob again = popOne(c, "q");
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(c.extend(job)).isFalse();
    assertThat(c.extend(again)).isTrue();
  }

  @Test
  void reservationsWithoutRetryAfterNeverExpire() {
    MemoryConnector c = connector(WireFormat.V3, null);
    c.pushRaw("q", "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}", Duration.ZERO);
    ReservedJob job = popOne(c, "q");
    clock.advance(Duration.ofDays(365));
    assertThat(c.pop("q", 1)).isEmpty();
    assertThat(c.extend(job)).isTrue();
    assertThat(c.retryAfter()).isNull();
  }

  @Test
  void sizeCountsPerQueueAndClearEmpties() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    c.pushRaw("a", "{\"job\":\"j\",\"id\":\"1\",\"attempts\":0}", Duration.ZERO);
    c.pushRaw("a", "{\"job\":\"j\",\"id\":\"2\",\"attempts\":0}", Duration.ZERO);
    c.pushRaw("a", "{\"job\":\"j\",\"id\":\"3\",\"attempts\":0}", Duration.ofSeconds(1));
    c.pushRaw("b", "{\"job\":\"j\",\"id\":\"4\",\"attempts\":0}", Duration.ZERO);
    popOne(c, "a");

    assertThat(c.size("a")).isEqualTo(new QueueSize(1, 1, 1));
    assertThat(c.size("a").total()).isEqualTo(3);
    assertThat(c.size("b")).isEqualTo(new QueueSize(1, 0, 0));
    c.clear();
    assertThat(c.size("a").total()).isZero();
  }

  @Test
  void restartSignalCarriesTheSecond() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    assertThat(c.lastRestart()).isEmpty();
    c.signalRestart();
    assertThat(c.lastRestart()).contains("1700000000");
  }

  @Test
  void builderRefusesBadSettings() {
    assertThatThrownBy(() -> MemoryConnector.builder().retryAfter(Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retryAfter");
    assertThatThrownBy(
            () -> MemoryConnector.builder().retryAfter(Connector.MIN_RETRY_AFTER.minusMillis(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retryAfter")
        .hasMessageContaining("PT1.999S")
        .hasMessageContaining("at least 2 s");
    assertThat(MemoryConnector.builder().retryAfter(Connector.MIN_RETRY_AFTER).build().retryAfter())
        .isEqualTo(Connector.MIN_RETRY_AFTER);
    assertThat(MemoryConnector.builder().retryAfter(null).build().retryAfter()).isNull();
    assertThatThrownBy(() -> MemoryConnector.builder().retryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> MemoryConnector.builder().wireFormat(null))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> MemoryConnector.builder().clock(null))
        .isInstanceOf(ConfigurationException.class);
    MemoryConnector defaults = new MemoryConnector();
    assertThat(defaults.wireFormat()).isEqualTo(WireFormat.V3);
    assertThat(defaults.retryAfter()).isEqualTo(MemoryConnector.DEFAULT_RETRY_AFTER);
  }

  @Test
  void memoryFollowsTheLiveReservationsNotEveryJobEverReserved() {
    MemoryConnector c = connector(WireFormat.V3, Duration.ofSeconds(60));
    String a1 = Golden.member("v3.txt", "A1", ID);
    c.pushRaw("q", a1, Duration.ZERO);
    ReservedJob longRunning = popOne(c, "q"); // stays reserved at the head of the expiries
    for (int i = 0; i < 10_000; i++) {
      c.pushRaw("q", a1, Duration.ZERO);
      ReservedJob job = popOne(c, "q");
      if (i % 2 == 0) {
        c.delete(job);
      } else {
        c.release(job, Duration.ofSeconds(3600));
      }
    }
    assertThat(c.expiryEntries("q")).isLessThanOrEqualTo(2 * 1 + 64);
    c.delete(longRunning);
    assertThat(c.expiryEntries("q")).isZero();
  }
}
