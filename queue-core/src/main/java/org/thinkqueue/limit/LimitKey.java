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
package org.thinkqueue.limit;

import org.thinkqueue.Job;

/**
 * The limit key of a job, e.g. {@code (job, data) -> "shopify:" + ((Order) data).shop()}: jobs with
 * the same key share one limit. Called on the job's thread before each attempt; must be fast and
 * thread-safe.
 */
@FunctionalInterface
public interface LimitKey {
  /**
   * The key of one job.
   *
   * @param job the job being attempted
   * @param data its data, converted to the handler's type
   * @return the key (1 to {@value LimiterStore#MAX_KEY_LENGTH} characters), or {@code null} to run
   *     this job without the limit
   */
  String of(Job job, Object data);
}
