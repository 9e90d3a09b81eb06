package org.thinkqueue.event;

import org.thinkqueue.Job;

/**
 * Fired when a job failed for good: on a worker after its failed-job record was written, the job deleted and the
 * handler's {@code failed(data, cause)} called; on the sync driver after {@code failed} was called.
 *
 * @param connection the name of the connection the job was reserved through (or pushed to, on the sync driver)
 * @param job the job
 * @param exception why it failed
 */
public record JobFailed(String connection, Job job, Throwable exception) {}
