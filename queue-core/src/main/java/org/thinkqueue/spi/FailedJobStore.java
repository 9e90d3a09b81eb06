package org.thinkqueue.spi;

import java.util.List;
import java.util.Optional;
import org.thinkqueue.FailedJob;

/**
 * Where jobs that failed for good are kept, with their error (think-queue's failer). Implementations are thread-safe
 * and never drop a record silently: a failing {@link #record} throws, and the worker keeps the job.
 */
public interface FailedJobStore {
  /**
   * Stores a failed job.
   *
   * @param payload the job's raw body as reserved
   * @param exception the error with its stack trace
   * @return the new record's id
   */
  String record(String connection, String queue, String payload, String exception);

  /** Records, newest first. */
  List<FailedJob> list(int offset, int limit);

  Optional<FailedJob> find(String id);

  /** @return true if a record was removed */
  boolean forget(String id);

  /** Removes every record. */
  void flush();

  long count();
}
