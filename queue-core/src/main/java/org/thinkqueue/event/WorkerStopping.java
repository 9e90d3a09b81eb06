package org.thinkqueue.event;

/**
 * Fired once when a worker stops: after running jobs finished or were released and their deletes landed, before its
 * threads are shut down.
 *
 * @param status the exit status the worker's {@code run()} returns ({@code Worker.EXIT_*})
 */
public record WorkerStopping(int status) {}
