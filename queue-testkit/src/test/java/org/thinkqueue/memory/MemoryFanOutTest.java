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

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.FanOutContract;

/**
 * The fan-out contract on the memory connector, once per wire format. A publish is one step under
 * the store's lock, with no write that can fail part way: the store-refusal test is skipped.
 */
@ParameterizedClass
@EnumSource(WireFormat.class)
class MemoryFanOutTest extends FanOutContract {
  private final WireFormat format;
  private final MemoryConnector store;

  MemoryFanOutTest(WireFormat format) {
    super(false);
    this.format = format;
    this.store = MemoryConnector.builder().wireFormat(format).build();
  }

  @Override
  protected Connector createConnector() {
    return MemoryConnector.builder().wireFormat(format).sharing(store).build();
  }
}
