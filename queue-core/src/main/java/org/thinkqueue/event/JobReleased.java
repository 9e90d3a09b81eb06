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
 * Fired when the worker released a job: after an exception or timeout, or at shutdown (not when a
 * handler released it itself).
 *
 * @param connection the name of the connection the job was reserved through
 * @param job the job
 * @param delay the delay it was released with
 */
public record JobReleased(String connection, Job job, Duration delay) {}
