package org.thinkqueue.worker;

import java.time.Duration;
import java.util.List;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.QueueSize;
import org.thinkqueue.spi.ReservedJob;

/** A connector that forwards to a memory connector; tests override the calls they break or slow down. */
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
