package org.thinkqueue.memory;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.contract.ConnectorContract;
import org.thinkqueue.spi.Connector;

class MemoryConnectorV3ContractTest extends ConnectorContract {
  // One store for all connectors of a test, as one Redis serves many workers.
  private final MemoryConnector store = MemoryConnector.builder().wireFormat(WireFormat.V3).build();

  MemoryConnectorV3ContractTest() {
    super(WireFormat.V3, Capabilities.all());
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // The contract's short timeout may predate Connector.MIN_RETRY_AFTER, which every connector enforces.
    Duration atLeastMin = retryAfter == null || retryAfter.compareTo(Connector.MIN_RETRY_AFTER) >= 0
        ? retryAfter : Connector.MIN_RETRY_AFTER;
    return MemoryConnector.builder().wireFormat(WireFormat.V3).retryAfter(atLeastMin).sharing(store).build();
  }
}
