package org.thinkqueue;

import java.time.Duration;

/**
 * Per-job settings written into a 3.x payload, where PHP and Java workers both honour them: {@code maxTries}
 * overrides the worker's tries, {@code timeout} its timeout. Ignored for the 1.x wire format, which has no such
 * fields. Immutable.
 */
public final class JobOptions {
  /** No per-job settings: the worker's apply. */
  public static final JobOptions DEFAULT = new JobOptions(null, null);

  private final Integer maxTries;
  private final Integer timeoutSeconds;

  private JobOptions(Integer maxTries, Integer timeoutSeconds) {
    this.maxTries = maxTries;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** @param maxTries total attempts, at least 0 (0 = retry forever) */
  public static JobOptions maxTries(int maxTries) {
    return DEFAULT.withMaxTries(maxTries);
  }

  public JobOptions withMaxTries(int maxTries) {
    if (maxTries < 0) {
      throw new ConfigurationException("maxTries", maxTries, "must be 0 (forever) or more");
    }
    return new JobOptions(maxTries, timeoutSeconds);
  }

  /** @param timeout whole seconds, at least 1 */
  public JobOptions withTimeout(Duration timeout) {
    if (timeout == null || timeout.getSeconds() < 1) {
      throw new ConfigurationException("timeout", timeout, "must be at least 1 second");
    }
    return new JobOptions(maxTries, (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds()));
  }

  public Integer maxTries() {
    return maxTries;
  }

  public Integer timeoutSeconds() {
    return timeoutSeconds;
  }
}
