package org.thinkqueue.event;

import org.thinkqueue.Job;

/**
 * Fired after a handler threw (or ran past its timeout), before the job is released; when that was its last try, after
 * it was failed ({@link JobFailed} fired first, as in think-queue).
 *
 * @param connection the name of the connection the job was reserved through
 * @param job the job
 * @param exception what the handler threw, or a {@code JobTimeoutException}
 */
public record JobExceptionOccurred(String connection, Job job, Throwable exception) {}
