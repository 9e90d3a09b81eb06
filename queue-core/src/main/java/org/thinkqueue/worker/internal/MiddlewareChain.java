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
package org.thinkqueue.worker.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.thinkqueue.Job;
import org.thinkqueue.JobMiddleware;
import org.thinkqueue.RegisteredJob;

/**
 * One pass through a job's middleware and its handler, on the calling thread: the outer list (a
 * worker's) in order, then the inner one (the handler's policy), then the handler. Each {@link
 * JobMiddleware.Next} runs the rest of the chain at most once. What the worker and the sync driver
 * share.
 */
public final class MiddlewareChain {
  private final List<JobMiddleware> outer;
  private final List<JobMiddleware> inner;
  private final RegisteredJob handler;
  private final Job job;
  private final Object data;

  private MiddlewareChain(
      List<JobMiddleware> outer,
      List<JobMiddleware> inner,
      RegisteredJob handler,
      Job job,
      Object data) {
    this.outer = outer;
    this.inner = inner;
    this.handler = handler;
    this.job = job;
    this.data = data;
  }

  /**
   * Runs the chain.
   *
   * @return what it threw, or null when it returned
   */
  public static Throwable run(
      List<JobMiddleware> outer,
      List<JobMiddleware> inner,
      RegisteredJob handler,
      Job job,
      Object data) {
    if (outer.isEmpty() && inner.isEmpty()) {
      return AttemptProtocol.run(handler, job, data);
    }
    try {
      new MiddlewareChain(outer, inner, handler, job, data).next(0).proceed();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private JobMiddleware.Next next(int index) {
    AtomicBoolean called = new AtomicBoolean();
    return () -> {
      if (!called.compareAndSet(false, true)) {
        throw new IllegalStateException(
            "A middleware called next.proceed() twice for job " + job.getId());
      }
      int n = outer.size();
      if (index < n) {
        outer.get(index).handle(job, data, next(index + 1));
      } else if (index < n + inner.size()) {
        inner.get(index - n).handle(job, data, next(index + 1));
      } else {
        handler.fire(job, data);
      }
    };
  }
}
