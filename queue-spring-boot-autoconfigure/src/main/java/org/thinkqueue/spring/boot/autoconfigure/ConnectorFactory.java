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
package org.thinkqueue.spring.boot.autoconfigure;

import org.thinkqueue.spi.Connector;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.Connection;
import org.thinkqueue.spring.boot.autoconfigure.ThinkQueueProperties.ConnectionType;

/** Builds the connectors of one {@link ConnectionType}; one bean per driver on the class path. */
interface ConnectorFactory {
  ConnectionType type();

  /**
   * @param name the connection's name
   * @param settings its properties
   * @param property the properties' prefix, {@code think-queue.connections.NAME}, for errors
   */
  Connector create(String name, Connection settings, String property);
}
