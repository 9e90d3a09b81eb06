package org.thinkqueue;

import java.util.List;
import java.util.Optional;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.internal.PayloadCodec;

/**
 * Failed jobs of a {@link QueueManager}: think-queue's {@code queue:failed}, {@code queue:retry},
 * {@code queue:forget} and {@code queue:flush}. Thread-safe.
 */
public final class FailedJobs {
  private final QueueManager manager;
  private final FailedJobStore store;

  FailedJobs(QueueManager manager, FailedJobStore store) {
    this.manager = manager;
    this.store = store;
  }

  /** The store behind this view. */
  public FailedJobStore store() {
    return store;
  }

  /** Records, newest first. */
  public List<FailedJob> list(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
    }
    return store.list(offset, limit);
  }

  public Optional<FailedJob> find(String id) {
    return store.find(id);
  }

  public long count() {
    return store.count();
  }

  /**
   * Pushes a failed job's original payload back onto its connection and queue with attempts reset (as think-queue's
   * {@code queue:retry}), then forgets the record. The push size limit ({@link QueueManager.Builder#maxPayloadBytes})
   * does not apply: the payload was accepted once (perhaps from a PHP producer, which has no limit) and a retry must
   * not strand it. A payload over a worker's read limit is failed again by that worker, with its size.
   *
   * @return the new job id, or empty if there is no record with that id
   * @throws ConfigurationException if the record names a connection this manager does not have
   * @throws PayloadException if the recorded payload is not a JSON object with a job name (the record is kept)
   */
  public Optional<String> retry(String id) {
    Optional<FailedJob> found = store.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    FailedJob job = found.get();
    QueueConnection connection = manager.connection(job.connection());
    String payload = job.payload();
    PayloadCodec codec = PayloadCodec.shared();
    if (codec.attemptsOf(payload).isPresent()) {
      payload = codec.withAttempts(payload, connection.connector().wireFormat().initialAttempts());
    }
    String newId = connection.requeue(payload, job.queue());
    store.forget(id);
    return Optional.of(newId);
  }

  /** @return true if a record was removed */
  public boolean forget(String id) {
    return store.forget(id);
  }

  public void flush() {
    store.flush();
  }
}
