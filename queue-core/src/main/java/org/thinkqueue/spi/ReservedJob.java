package org.thinkqueue.spi;

/**
 * One reservation handed out by {@link Connector#pop(String, int)}. Drivers subclass it to keep what they need to
 * delete or release exactly this reservation (the reserved Redis member, the row id). Immutable.
 */
public abstract class ReservedJob {
  private final String queue;
  private final String rawBody;
  private final int attempts;

  protected ReservedJob(String queue, String rawBody, int attempts) {
    this.queue = queue;
    this.rawBody = rawBody;
    this.attempts = attempts;
  }

  /** The queue it was reserved from. */
  public final String queue() {
    return queue;
  }

  /** The payload as think-queue's {@code getRawBody()} returns it. */
  public final String rawBody() {
    return rawBody;
  }

  /** Reservations so far, this one included. */
  public final int attempts() {
    return attempts;
  }

  /** The job id (payload id or row id); {@code null} if the payload could not be read. */
  public abstract String id();
}
