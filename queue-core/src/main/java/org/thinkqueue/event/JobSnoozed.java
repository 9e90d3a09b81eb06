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
package org.thinkqueue.event;

import java.time.Duration;
import org.thinkqueue.Job;

/**
 * Fired when a handler or a middleware snoozed its job ({@link Job#snooze}), after the store took
 * the write: the job runs again after {@code delay} and, when {@code attemptRefunded}, with the
 * same attempt number. Separate from {@link JobReleased} (which a worker fires only for its own
 * releases, after an exception or at shutdown), so metrics count a job waiting for a rate limit's
 * slot apart from a retry.
 *
 * @param connection the name of the connection the job was reserved through
 * @param job the job
 * @param delay the delay it was snoozed for
 * @param attemptRefunded false when the driver cannot give the attempt back (it was released with
 *     the attempt counted)
 */
public record JobSnoozed(String connection, Job job, Duration delay, boolean attemptRefunded) {}
