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
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.testkit.TimeControl;
import org.thinkqueue.testkit.UniqueJobsContract;

/** The unique-jobs contract on the memory connector, once per wire format, on a moved clock. */
@ParameterizedClass
@EnumSource(WireFormat.class)
class MemoryUniqueJobsTest extends UniqueJobsContract {
  private static final MutableClock CLOCK = MutableClock.atEpochSecond(1_700_000_000L);
  private final WireFormat format;
  private final MemoryConnector store;

  MemoryUniqueJobsTest(WireFormat format) {
    super(TimeControl.of(CLOCK), false);
    this.format = format;
    this.store = MemoryConnector.builder().wireFormat(format).clock(CLOCK).build();
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return MemoryConnector.builder()
        .wireFormat(format)
        .retryAfter(retryAfter)
        .clock(CLOCK)
        .sharing(store)
        .build();
  }
}
