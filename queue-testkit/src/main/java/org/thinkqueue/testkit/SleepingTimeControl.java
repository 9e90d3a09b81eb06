package org.thinkqueue.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@link TimeControl#sleeping()}: real time passes. */
final class SleepingTimeControl implements TimeControl {
  static final SleepingTimeControl INSTANCE = new SleepingTimeControl();

  private final Clock clock = Clock.systemUTC();

  private SleepingTimeControl() {}

  @Override
  public void advance(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while letting " + d + " pass", e);
    }
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public String toString() {
    return "TimeControl.sleeping()";
  }
}
