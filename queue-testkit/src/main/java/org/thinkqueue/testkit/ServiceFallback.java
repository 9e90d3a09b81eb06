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
package org.thinkqueue.testkit;

import java.util.Optional;

/**
 * Provides a service when its default loopback address does not answer and no environment variable
 * names another one, e.g. by starting a Testcontainers container where Docker answers. Driver
 * modules register implementations in their test resources under {@code
 * META-INF/services/org.thinkqueue.testkit.ServiceFallback}, which keeps queue-core free of Docker
 * dependencies.
 *
 * <p>Called at most once per service per JVM, from the test thread.
 */
public interface ServiceFallback {

  /**
   * Makes {@code service} available and returns its URL in the same form as {@link
   * Service#defaultUrl()}.
   *
   * @param service the service whose default address did not answer
   * @return empty if this fallback does not handle {@code service} or cannot run here (say why
   *     through {@link ServiceUnavailableException} if that helps the reader of a skip message)
   * @throws ServiceUnavailableException if this fallback handles the service but could not start it
   */
  Optional<String> start(Service service);

  /**
   * Short name for messages, e.g. {@code Testcontainers}.
   *
   * @return the name; by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
