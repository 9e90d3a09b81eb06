package org.thinkqueue.event;

import java.time.Duration;
import org.thinkqueue.Job;

/**
 * Fired when the worker released a job: after an exception or timeout, or at shutdown (not when a handler released
 * it itself).
 *
 * @param connection the name of the connection the job was reserved through
 * @param job the job
 * @param delay the delay it was released with
 */
public record JobReleased(String connection, Job job, Duration delay) {}
