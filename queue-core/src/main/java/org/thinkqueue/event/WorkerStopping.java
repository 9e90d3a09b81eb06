package org.thinkqueue.event;

/** Fired once when a worker stops; {@code status} is the exit status {@link org.thinkqueue.worker.Worker#run()} returns. */
public record WorkerStopping(int status) {}
