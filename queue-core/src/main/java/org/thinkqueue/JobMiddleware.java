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
 * Code around a handler's attempt (Laravel's job middleware, Sidekiq's server middleware): runs on
 * the job's thread with the job and its converted data, and decides whether and how the handler
 * runs. A middleware may call {@code next.proceed()} once (run the rest of the chain and the
 * handler), or settle the job itself instead ({@link Job#delete()}, {@link Job#release}, {@link
 * Job#snooze}, {@link Job#fail}) and return, e.g. to skip a cancelled order or wait for a rate
 * limit's slot. An exception thrown out of the chain counts as the handler's.
 *
 * <p>Declared per worker ({@code Worker.Builder.middleware}) and per handler ({@link
 * JobPolicy.Builder#middleware}); a job passes the worker's in declaration order, then its
 * handler's, then the handler. Implementations are thread-safe: one instance serves every job
 * thread.
 */
@FunctionalInterface
public interface JobMiddleware {
  /**
   * Runs around one attempt.
   *
   * @param job the job being attempted
   * @param data the job's data, converted to the handler's type
   * @param next the rest of the chain
   * @throws Exception anything, treated as the handler's exception
   */
  void handle(Job job, Object data, Next next) throws Exception;

  /** The rest of the chain: the next middleware, or the handler. */
  @FunctionalInterface
  interface Next {
    /**
     * Runs the rest of the chain.
     *
     * @throws Exception what the rest of the chain threw
     */
    void proceed() throws Exception;
  }
}
