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
package org.thinkqueue.spi;

import java.util.List;

/**
 * Capability: storing several payloads, on several queues and with their own delays, all or none.
 * What {@link org.thinkqueue.QueueConnection#publish(String, Object)} needs to fan one event out to
 * its subscribers: either every subscriber's job exists afterwards or none does, whatever fails
 * part way (a refused write, a lost connection, a crash of the store). A driver without a way to
 * make that promise does not implement this interface, and publishing on it is refused; the
 * producer never falls back to pushing one job after another.
 *
 * <p>How the drivers keep the promise: Redis in one Lua script that checks every key before the
 * first write (on a Cluster all the queues' keys must hash to one slot); JDBC in one multi-row
 * {@code INSERT} in one transaction, or inside the caller's; memory under its lock. The sync driver
 * stores nothing and runs each job as it is pushed: it checks every payload first, then runs them
 * in order, and the first that throws stops the rest (there is no store to leave untouched).
 */
public interface AtomicPush {
  /**
   * Stores every payload, or none of them.
   *
   * @param pushes the payloads, not empty; a queue may appear more than once
   * @return the job ids (the payload's {@code id}, or the row id), one per push, in order
   * @throws org.thinkqueue.ConfigurationException if the store cannot write these queues in one
   *     atomic step as configured (a Redis Cluster whose queues hash to different slots); nothing
   *     was written
   * @throws org.thinkqueue.ConnectionException if the store cannot be reached; nothing was written,
   *     unless the connection was lost after the store committed (as for any push)
   * @throws org.thinkqueue.QueueDataException if the store refused a write; nothing was written
   */
  List<String> pushAll(List<RawPush> pushes);
}
