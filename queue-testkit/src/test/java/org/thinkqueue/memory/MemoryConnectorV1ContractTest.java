package org.thinkqueue.memory;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.ConnectorContract;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.testkit.TimeControl;

class MemoryConnectorV1ContractTest extends ConnectorContract {
  // A clock the suite moves, so the delays and reservation timeouts it checks pass without waiting. Shared by the
  // class's tests (JUnit wants one constructor, and the clock must reach super()): time only moves forward.
  private static final MutableClock CLOCK = MutableClock.atEpochSecond(1_700_000_000L);
  // One store for all connectors of a test, as one Redis serves many workers.
  private final MemoryConnector store = MemoryConnector.builder().wireFormat(WireFormat.V1).clock(CLOCK).build();

  MemoryConnectorV1ContractTest() {
    super(WireFormat.V1, Capabilities.all(), TimeControl.of(CLOCK));
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return MemoryConnector.builder().wireFormat(WireFormat.V1).retryAfter(retryAfter).clock(CLOCK).sharing(store)
        .build();
  }
}
