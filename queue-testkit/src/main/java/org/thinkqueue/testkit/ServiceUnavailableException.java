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

/**
 * A required service could not be reached, and the run is under {@code CI=true}, so the test must
 * fail.
 */
public final class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An outage with its reason.
   *
   * @param message names the service, the address tried and the environment variable to set
   */
  public ServiceUnavailableException(String message) {
    super(message);
  }

  /**
   * An outage with its reason and what caused it, e.g. a fallback's failure to start a container.
   *
   * @param message names the service, the address tried and the environment variable to set
   * @param cause the underlying failure
   */
  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
