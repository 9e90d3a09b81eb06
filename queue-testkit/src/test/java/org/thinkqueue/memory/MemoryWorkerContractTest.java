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
