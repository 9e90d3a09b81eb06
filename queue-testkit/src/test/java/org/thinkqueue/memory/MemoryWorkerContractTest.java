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
package org.thinkqueue.memory;

import java.time.Duration;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.WorkerContract;

class MemoryWorkerContractTest extends WorkerContract {
  // One store per test, shared by its workers' connectors as one Redis serves many machines.
  private final MemoryConnector store = MemoryConnector.builder().build();

  MemoryWorkerContractTest() {
    super(2_000, true, true);
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return MemoryConnector.builder().retryAfter(retryAfter).sharing(store).build();
  }
}
