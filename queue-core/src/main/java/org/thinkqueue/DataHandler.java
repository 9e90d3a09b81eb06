package org.thinkqueue;

/**
 * The simple handler style: {@code registry.handle("name", Type.class, data -> ...)}. Returning deletes the job;
 * throwing releases it with the worker's back-off and fails it after its max tries. Called on worker threads, possibly
 * several at once: implementations must be thread-safe.
 *
 * @param <T> the data type
 */
@FunctionalInterface
public interface DataHandler<T> {
  /**
   * Handles one job's data.
   *
   * @param data the payload's {@code data}, converted to {@code T} ({@code null} for JSON {@code null})
   * @throws Exception to have the job released for a retry (or failed at its last try)
   */
  void handle(T data) throws Exception;
}
