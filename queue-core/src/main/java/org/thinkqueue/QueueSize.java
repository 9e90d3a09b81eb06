package org.thinkqueue;

/**
 * Counts of one queue: ready now, delayed (due later, including released jobs waiting out their delay) and reserved
 * (being worked on, or held by a dead worker until the reservation expires). A snapshot: other workers and producers
 * change the queue meanwhile.
 *
 * @param ready jobs available now
 * @param delayed jobs due later
 * @param reserved jobs reserved by a worker
 */
public record QueueSize(long ready, long delayed, long reserved) {
  /**
   * All jobs of the queue, as think-queue's {@code size()}.
   *
   * @return ready + delayed + reserved
   */
  public long total() {
    return ready + delayed + reserved;
  }
}
