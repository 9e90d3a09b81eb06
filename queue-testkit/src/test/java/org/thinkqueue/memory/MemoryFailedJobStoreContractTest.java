package org.thinkqueue.memory;

import org.thinkqueue.testkit.FailedJobStoreContract;
import org.thinkqueue.spi.FailedJobStore;

class MemoryFailedJobStoreContractTest extends FailedJobStoreContract {
  @Override
  protected FailedJobStore createEmptyStore() {
    return new MemoryFailedJobStore();
  }
}
