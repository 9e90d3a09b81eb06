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
package org.thinkqueue.spi;

/**
 * Capability: a reservation can be extended while its job runs, so a job longer than {@code
 * retryAfter} is not handed to a second worker while its own worker is alive. The worker calls
 * {@link #extend} every third of {@link Connector#retryAfter()} until the job is deleted, released
 * or its handler returns.
 */
public interface ExtendsReservations {
  /**
   * Pushes the reservation's expiry to now + retryAfter. Called from the worker's housekeeping
   * thread while the job's own thread runs the handler.
   *
   * @param job a reservation this connector handed out
   * @return false if the reservation no longer exists (deleted, released or already expired and
   *     taken back)
   */
  boolean extend(ReservedJob job);
}
