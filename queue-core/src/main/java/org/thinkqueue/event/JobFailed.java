package org.thinkqueue.event;

import org.thinkqueue.Job;

/** Fired when a job failed for good, after its failed-job record was written and the job deleted. */
public record JobFailed(String connection, Job job, Throwable exception) {}
