package org.thinkqueue.worker;

/**
 * The worker's source of {@link System#nanoTime()} for the deadlines it enforces: job timeouts, the timeout grace,
 * reservation extensions, the stop grace and the outage log's durations. Tests in this package inject a ticker they
 * move by hand ({@link Worker.Builder#ticker(Ticker)}), so those deadlines pass when the test says, not after a sleep.
 * Spin and park bounds stay on the system clock: they are about this machine's scheduler, not about the job.
 */
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean something. */
  long nanoTime();
}
