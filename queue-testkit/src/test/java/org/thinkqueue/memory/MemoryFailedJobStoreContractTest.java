package org.thinkqueue.memory;

import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.MemoryFailedJobStore;
import org.thinkqueue.testkit.FailedJobStoreContract;

class MemoryFailedJobStoreContractTest extends FailedJobStoreContract {
  @Override
  protected FailedJobStore createEmptyStore() {
    return new MemoryFailedJobStore();
  }
}
