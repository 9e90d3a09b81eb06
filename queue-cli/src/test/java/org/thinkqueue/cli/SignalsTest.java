package org.thinkqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
  // SIGWINCH: ignored by default, so a signal that arrives after restore() does nothing to the test JVM.
  private static final String NAME = "WINCH";

  @Test
  void firstSignalRunsTheGracefulActionAndLaterOnesTheImmediateOne() throws Exception {
    CountDownLatch graceful = new CountDownLatch(1);
    CountDownLatch immediate = new CountDownLatch(2);
    Signals.SunMiscSignal api = new Signals.SunMiscSignal();
    Object signal = api.signal(NAME);
    Signals.Registration registration = Signals.on(List.of(NAME), graceful::countDown, immediate::countDown);
    try {
      api.raise(signal);
      assertThat(graceful.await(10, TimeUnit.SECONDS)).as("graceful action ran").isTrue();
      assertThat(immediate.getCount()).isEqualTo(2);
      api.raise(signal);
      api.raise(signal);
      assertThat(immediate.await(10, TimeUnit.SECONDS)).as("immediate action ran twice").isTrue();
    } finally {
      registration.restore();
    }
  }

  @Test
  void restoreReinstallsThePreviousHandler() throws Exception {
    Signals.SunMiscSignal api = new Signals.SunMiscSignal();
    Object signal = api.signal(NAME);
    Object before = api.handle(signal, api.handler(name -> { }));
    api.handle(signal, before);

    Signals.Registration registration = Signals.on(List.of(NAME), () -> { }, () -> { });
    registration.restore();

    Object marker = api.handler(name -> { });
    assertThat(api.handle(signal, marker)).isSameAs(before);
    api.handle(signal, before);
  }

  @Test
  void anUnknownSignalIsSkipped() {
    Signals.Registration registration = Signals.on(List.of("NO-SUCH-SIGNAL"), () -> { }, () -> { });
    registration.restore();
  }
}
