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

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code timeoutAt} a push writes: the caller's {@link JobOptions#retryUntil()}, else, when the
 * producer's registry knows the job's {@link JobPolicy#retryFor()}, the time the job is due (now
 * plus its delay) plus that window, unless the push sets its own {@code maxTries}; else none, and
 * the payload stays as without this feature.
 */
final class RetryDeadline {
  private RetryDeadline() {}

  /** Whole Unix seconds (rounded down, as PHP's {@code getTimestamp()}), or null for none. */
  static Long of(JobOptions options, JobRegistry registry, String jobName, Duration delay) {
    if (options.retryUntil() != null) {
      return options.retryUntil().getEpochSecond();
    }
    if (registry == null || options.maxTries() != null) {
      // A payload's own maxTries wins over a handler's window: a deadline in the payload would
      // replace the count for every worker (ours and PHP's).
      return null;
    }
    Duration window = registry.find(jobName).map(j -> j.policy().retryFor()).orElse(null);
    return window == null ? null : Instant.now().plus(delay).plus(window).getEpochSecond();
  }
}
