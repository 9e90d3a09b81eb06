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
package org.thinkqueue.worker;

import org.thinkqueue.Job;

/**
 * Runs around each handler call of a {@link Worker}, on the job thread that runs the handler: the
 * place for a trace span or a context (MDC, security) that must be open while the handler runs and
 * closed when it returns, whatever the outcome. Registered with {@link
 * Worker.Builder#interceptor(JobInterceptor)}; the first one added is the outermost.
 *
 * <p>{@link org.thinkqueue.event.WorkerListener} events cannot do this: the outcome of a job that
 * timed out, was abandoned or outlived the stop grace is settled on a watchdog or poll thread,
 * while the handler may still be running on its own. An interceptor's {@code finally} runs on the
 * handler's thread when the handler really returns.
 *
 * <p>An interceptor calls {@link Invocation#proceed()} once and lets what it throws through (the
 * worker then treats the job as the handler having thrown that). One that throws on its own is
 * treated the same way; one that does not call {@code proceed} skips the handler, and the job is
 * handled as if the handler had returned. Interceptors are not called for jobs that fail before
 * their handler runs (unreadable payload, unknown job name, max attempts reached). Must be
 * thread-safe: one instance serves every job thread.
 *
 * @see org.thinkqueue.event.WorkerListener
 */
@FunctionalInterface
public interface JobInterceptor {
  /**
   * Runs around one handler call.
   *
   * @param job the job whose handler runs
   * @param next the handler (and the interceptors inside this one)
   * @throws Exception what {@code next} threw, or the interceptor's own failure
   */
  void around(Job job, Invocation next) throws Exception;

  /** The rest of the chain: the inner interceptors, then the handler. */
  @FunctionalInterface
  interface Invocation {
    /**
     * Runs the rest of the chain on the calling thread.
     *
     * @throws Exception what the handler (or an inner interceptor) threw
     */
    void proceed() throws Exception;
  }
}
