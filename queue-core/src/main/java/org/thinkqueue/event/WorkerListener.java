package org.thinkqueue.event;

/**
 * Observes a worker (and the sync driver). Every method has a no-op default. Methods are called on worker threads,
 * must be fast and thread-safe, and should not throw: an exception is logged and ignored.
 */
public interface WorkerListener {
  default void onJobProcessing(JobProcessing event) {}

  default void onJobProcessed(JobProcessed event) {}

  default void onJobExceptionOccurred(JobExceptionOccurred event) {}

  default void onJobFailed(JobFailed event) {}

  default void onJobReleased(JobReleased event) {}

  default void onWorkerStopping(WorkerStopping event) {}
}
