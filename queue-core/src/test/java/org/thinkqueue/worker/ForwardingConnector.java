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
package org.thinkqueue.worker;

import java.time.Duration;
import java.util.List;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;

/**
 * A connector that forwards to a memory connector; tests override the calls they break or slow
 * down.
 */
abstract class ForwardingConnector implements Connector {
  final MemoryConnector delegate;

  ForwardingConnector(MemoryConnector delegate) {
    this.delegate = delegate;
  }

  @Override
  public WireFormat wireFormat() {
    return delegate.wireFormat();
  }

  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return true;
  }

  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    return delegate.pushRaw(queue, payload, delay);
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    return delegate.pop(queue, max);
  }

  @Override
  public void delete(ReservedJob job) {
    delegate.delete(job);
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    delegate.release(job, delay);
  }

  @Override
  public QueueSize size(String queue) {
    return delegate.size(queue);
  }

  @Override
  public Duration retryAfter() {
    return delegate.retryAfter();
  }

  @Override
  public void close() {}
}
