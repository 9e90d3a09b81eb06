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
package org.thinkqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
  // SIGWINCH: ignored by default, so a signal that arrives after restore() does nothing to the test
  // JVM.
  private static final String NAME = "WINCH";

  @Test
  void firstSignalRunsTheGracefulActionAndLaterOnesTheImmediateOne() throws Exception {
    CountDownLatch graceful = new CountDownLatch(1);
    CountDownLatch immediate = new CountDownLatch(2);
    Signals.SunMiscSignal api = new Signals.SunMiscSignal();
    Object signal = api.signal(NAME);
    Signals.Registration registration =
        Signals.on(List.of(NAME), graceful::countDown, immediate::countDown);
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
    Object before = api.handle(signal, api.handler(name -> {}));
    api.handle(signal, before);

    Signals.Registration registration = Signals.on(List.of(NAME), () -> {}, () -> {});
    registration.restore();

    Object marker = api.handler(name -> {});
    assertThat(api.handle(signal, marker)).isSameAs(before);
    api.handle(signal, before);
  }

  @Test
  void anUnknownSignalIsSkipped() {
    Signals.Registration registration = Signals.on(List.of("NO-SUCH-SIGNAL"), () -> {}, () -> {});
    registration.restore();
  }
}
