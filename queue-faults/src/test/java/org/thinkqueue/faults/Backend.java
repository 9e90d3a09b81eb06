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
package org.thinkqueue.faults;

import java.util.UUID;

/**
 * One store under test, seen from outside the library: it writes and counts queue entries raw (as
 * another producer or PHP would) and injects faults into the workers' connections without touching
 * anyone else's. Every name it makes is unique to the test and removed by {@link #close()}.
 */
abstract class Backend implements AutoCloseable {
  final String uid = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  /** Where the workers connect (their own user or server, so faults hit only them). */
  abstract Target target();

  /** Writes {@code payload} as a ready job of the target queue, bypassing the library. */
  abstract void writeRaw(String payload);

  /** Ready + delayed + reserved entries of the target queue, read raw. */
  abstract long leftOver();

  /**
   * Cuts the workers off: their connections are dropped and new ones refused until {@link
   * #endOutage()}.
   */
  abstract void beginOutage();

  /** Lets the workers connect again; returns once the server accepts their connections. */
  abstract void endOutage();

  @Override
  public abstract void close();
}
