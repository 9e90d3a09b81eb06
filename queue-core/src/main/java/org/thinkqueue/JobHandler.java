package org.thinkqueue;

/**
 * Runs one kind of job, the think-queue way: {@code fire(Job $job, $data)}. The handler decides the job's fate with
 * {@link Job#delete()} or {@link Job#release(java.time.Duration)}; returning without either leaves it reserved
 * until the reservation expires. Throwing releases it with the worker's back-off, or fails it at the last try.
 *
 * <p>{@code T} is taken from the implementing class's type argument; Jackson converts the payload's {@code data}
 * into it. Handlers are shared by all worker threads and must be thread-safe.
 *
 * @param <T> the data type
 */
@FunctionalInterface
public interface JobHandler<T> {
  void fire(Job job, T data) throws Exception;

  /**
   * Called once when the job has failed for good (max tries reached, timed out at its last try, or failed
   * explicitly), after its failed-job record was written and the job deleted. Exceptions thrown here are logged; the
   * record stays.
   */
  default void failed(T data, Throwable cause) {}
}
