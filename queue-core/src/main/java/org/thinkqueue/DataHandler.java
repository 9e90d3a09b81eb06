package org.thinkqueue;

/**
 * The simple handler style: {@code registry.handle("name", Type.class, data -> ...)}. Returning deletes the job;
 * throwing releases it with the worker's back-off and fails it after its max tries.
 *
 * @param <T> the data type
 */
@FunctionalInterface
public interface DataHandler<T> {
  void handle(T data) throws Exception;
}
