/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue;

/**
 * Runs one kind of job, the think-queue way: {@code fire(Job $job, $data)}. The handler decides the
 * job's fate with {@link Job#delete()} or {@link Job#release(java.time.Duration)}; returning
 * without either leaves it reserved until the reservation expires. Throwing releases it with the
 * worker's back-off, or fails it at the last try.
 *
 * <p>{@code T} is taken from the implementing class's type argument; Jackson converts the payload's
 * {@code data} into it. Handlers are shared by all worker threads and must be thread-safe.
 *
 * @param <T> the data type
 */
@FunctionalInterface
public interface JobHandler<T> {
  /**
   * Runs the job. Called on a worker thread.
   *
   * @param job the reserved job, to {@link Job#delete()} or {@link Job#release(java.time.Duration)}
   *     it
   * @param data the payload's {@code data}, converted to {@code T} ({@code null} for JSON {@code
   *     null})
   * @throws Exception to have the job released with the worker's back-off (or failed at its last
   *     try)
   */
  void fire(Job job, T data) throws Exception;

  /**
   * Called once when the job has failed for good (max tries reached, timed out at its last try, or
   * failed explicitly), after its failed-job record was written and the job deleted. Exceptions
   * thrown here are logged; the record stays. The default does nothing.
   *
   * @param data the job's data, converted to {@code T} (a job whose data does not convert fails
   *     without this call)
   * @param cause why the job failed
   */
  default void failed(T data, Throwable cause) {}

  /**
   * How the worker retries this handler's jobs: tries, timeout, back-off, retry window, exception
   * limit, fail-fast exceptions and middleware (Laravel's job properties). A policy given at
   * registration replaces this one.
   *
   * @return the policy; the default leaves everything to the worker
   */
  default JobPolicy policy() {
    return JobPolicy.WORKER_DEFAULTS;
  }
}
