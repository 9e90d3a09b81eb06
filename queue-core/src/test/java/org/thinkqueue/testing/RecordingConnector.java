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
package org.thinkqueue.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.ReservedJob;

/**
 * A connector that only records what producers hand it, for checking payloads of stores that keep
 * id and attempts outside the payload (database rows). Not thread-safe.
 */
public class RecordingConnector implements Connector {
  /** One stored payload. */
  public record Pushed(String queue, String payload, Duration delay) {}

  private final WireFormat format;
  private final boolean carriesIdAndAttempts;
  private final List<Pushed> pushed = new ArrayList<>();
  private int closes;

  public RecordingConnector(WireFormat format, boolean carriesIdAndAttempts) {
    this.format = format;
    this.carriesIdAndAttempts = carriesIdAndAttempts;
  }

  public List<Pushed> pushed() {
    return pushed;
  }

  @Override
  public WireFormat wireFormat() {
    return format;
  }

  @Override
  public boolean payloadCarriesIdAndAttempts() {
    return carriesIdAndAttempts;
  }

  @Override
  public String pushRaw(String queue, String payload, Duration delay) {
    pushed.add(new Pushed(queue, payload, delay));
    return Integer.toString(pushed.size());
  }

  @Override
  public List<ReservedJob> pop(String queue, int max) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delete(ReservedJob job) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void release(ReservedJob job, Duration delay) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueueSize size(String queue) {
    return new QueueSize(pushed.stream().filter(p -> p.queue().equals(queue)).count(), 0, 0);
  }

  @Override
  public Duration retryAfter() {
    return null;
  }

  /** How many times {@link #close()} was called. */
  public int closes() {
    return closes;
  }

  @Override
  public void close() {
    closes++;
  }
}
