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
 * The simple handler style: {@code registry.handle("name", Type.class, data -> ...)}. Returning
 * deletes the job; throwing releases it with the worker's back-off and fails it after its max
 * tries. Called on worker threads, possibly several at once: implementations must be thread-safe.
 *
 * @param <T> the data type
 */
@FunctionalInterface
public interface DataHandler<T> {
  /**
   * Handles one job's data.
   *
   * @param data the payload's {@code data}, converted to {@code T} ({@code null} for JSON {@code
   *     null})
   * @throws Exception to have the job released for a retry (or failed at its last try)
   */
  void handle(T data) throws Exception;
}
