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

import java.time.Instant;
import org.thinkqueue.testkit.LimiterStoreContract;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.testkit.TimeControl;

class MemoryLimiterStoreContractTest extends LimiterStoreContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.123456Z"));

  @Override
  protected LimiterStore createStore() {
    return new MemoryLimiterStore(clock);
  }

  @Override
  protected TimeControl timeControl() {
    return TimeControl.of(clock);
  }
}
