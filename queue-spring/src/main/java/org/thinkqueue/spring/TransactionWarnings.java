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
package org.thinkqueue.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The WARN, once per connection name, that a push inside an active Spring transaction does not take
 * part in it: a rollback will not undo it.
 */
final class TransactionWarnings {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionWarnings.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private TransactionWarnings() {}

  /**
   * Warns, the first time for this connection name, if the calling thread runs an actual Spring
   * transaction that has not completed ({@link #inRunningTransaction()}).
   *
   * @param connectionName the queue connection's name
   * @param why what the push does and why, completing "Queue connection 'name' "
   * @return true if this call logged
   */
  static boolean warnIfInTransaction(String connectionName, String why) {
    if (!inRunningTransaction()) {
      return false;
    }
    if (!WARNED.add(connectionName)) {
      return false;
    }
    LOG.warn(
        "Queue connection '{}' {}: a rollback will not undo the push. (Logged once per connection.)",
        connectionName,
        why);
    return true;
  }

  /**
   * True if the calling thread runs an actual Spring transaction that has not completed yet. Spring
   * clears the synchronisations before it calls their {@code afterCompletion} (where an {@code
   * AFTER_COMMIT} transactional event listener runs) but keeps the transaction marked active, and
   * its resources bound, until those return.
   */
  static boolean inRunningTransaction() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive();
  }

  /** Forgets the connections already warned about; for tests. */
  static void reset() {
    WARNED.clear();
  }
}
