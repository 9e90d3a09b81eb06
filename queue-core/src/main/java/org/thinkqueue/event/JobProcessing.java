package org.thinkqueue.event;

import org.thinkqueue.Job;

/**
 * Fired before an attempt, including before the max-attempts check and for a payload that cannot be read (as
 * think-queue).
 *
 * @param connection the name of the connection the job was reserved through (or pushed to, on the sync driver)
 * @param job the job
 */
public record JobProcessing(String connection, Job job) {}
