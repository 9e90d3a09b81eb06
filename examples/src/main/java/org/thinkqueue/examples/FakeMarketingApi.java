package org.thinkqueue.examples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** The foreign marketing platform (Tidio in the seed): long round trips, and it sometimes fails. */
public final class FakeMarketingApi {
  private final long latencyMillis;
  private final double failureRate;
  private final Set<Long> synced = ConcurrentHashMap.newKeySet();

  public FakeMarketingApi(long latencyMillis, double failureRate) {
    this.latencyMillis = latencyMillis;
    this.failureRate = failureRate;
  }

  public void pushContact(NewUser user) throws Exception {
    Thread.sleep(latencyMillis);
    if (ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new java.io.IOException("marketing API answered 503 for user " + user.id());
    }
    synced.add(user.id());
  }

  public Set<Long> synced() {
    return Set.copyOf(synced);
  }
}
