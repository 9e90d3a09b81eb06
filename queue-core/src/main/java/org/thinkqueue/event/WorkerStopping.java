package org.thinkqueue.event;

/** Fired once when a worker stops; {@code status} is the exit status {@link Worker#run()} returns. */
public record WorkerStopping(int status) {}
