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

/**
 * One subscriber of an event: publishing the event pushes a job named {@code job} to {@code queue},
 * due after {@code delay}, with the event's data. Declared with {@link
 * JobRegistry#subscribe(String, String, String)}; the job is an ordinary think-queue job, run by
 * whatever handler the workers of that queue have registered under {@code job} (its tries and
 * back-off included).
 *
 * @param event the event name
 * @param job the job name written in the payload
 * @param queue the queue the job goes to, or {@code null} for the publishing connection's default
 *     queue
 * @param delay time from the publish until the job is due, {@link Duration#ZERO} for at once
 */
public record Subscription(String event, String job, String queue, Duration delay) {
  @Override
  public String toString() {
    return event
        + " -> "
        + job
        + " on "
        + (queue == null ? "the default queue" : "'" + queue + "'")
        + (delay.isZero() ? "" : " after " + delay);
  }
}
