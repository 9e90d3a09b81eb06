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
package org.thinkqueue.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * A store's answer to a request for a rate permit: granted, possibly for a slot that opens a little
 * later, or denied with the time the caller should come back. Immutable.
 */
public final class RateDecision {
  private final boolean granted;
  private final Duration delay;

  private RateDecision(boolean granted, Duration delay) {
    this.granted = granted;
    this.delay = delay;
  }

  /**
   * A granted permit.
   *
   * @param startIn when the permit's slot opens: {@link Duration#ZERO} for now, or a delay up to
   *     the caller's {@code maxDelay}, which the caller waits before it acts
   * @return the decision
   * @throws IllegalArgumentException if {@code startIn} is null or negative
   */
  public static RateDecision granted(Duration startIn) {
    return new RateDecision(true, check(startIn));
  }

  /**
   * A denied permit.
   *
   * @param retryIn when the caller's turn comes: callers denied one after the other get turns one
   *     emission interval apart, so a backlog comes back one job per slot instead of all at once
   * @return the decision
   * @throws IllegalArgumentException if {@code retryIn} is null or negative
   */
  public static RateDecision denied(Duration retryIn) {
    return new RateDecision(false, check(retryIn));
  }

  private static Duration check(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive, was " + d);
    }
    return d;
  }

  /** {@return true if the permit was granted} */
  public boolean isGranted() {
    return granted;
  }

  /**
   * Granted: the wait before the slot opens (zero for now). Denied: the wait until the caller's
   * turn.
   *
   * @return the delay, zero or positive
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateDecision d && d.granted == granted && d.delay.equals(delay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(granted, delay);
  }

  @Override
  public String toString() {
    return (granted ? "granted in " : "denied, retry in ") + delay;
  }
}
