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
    return MemoryConnector.builder().wireFormat(WireFormat.V3).retryAfter(retryAfter).sharing(store).build();
  }
}
