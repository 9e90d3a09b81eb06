package org.thinkqueue.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** A mail sink with configurable latency and failure rate, so the demo shows retries happen. */
public final class FakeMailer implements Mailer {
  private final long latencyMillis;
  private final double failureRate;
  private final List<String> sent = new CopyOnWriteArrayList<>();

  public FakeMailer(long latencyMillis, double failureRate) {
    this.latencyMillis = latencyMillis;
    this.failureRate = failureRate;
  }

  @Override
  public void send(String to, String subject, String body) throws Exception {
    Thread.sleep(latencyMillis);
    if (ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new java.io.IOException("SMTP server said 451: try again later (sending to " + to + ")");
    }
    sent.add(to);
  }

  /** Addresses mailed so far, in order. */
  public List<String> sent() {
    return List.copyOf(sent);
  }
}
