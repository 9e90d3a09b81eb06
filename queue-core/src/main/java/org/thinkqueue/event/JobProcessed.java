package org.thinkqueue.event;

import java.time.Duration;
import org.thinkqueue.Job;

/**
 * Fired after a handler returned normally, before the worker deletes a job the handler left (simple-style handlers).
 *
 * @param connection the name of the connection the job was reserved through (or pushed to, on the sync driver)
 * @param job the job
 * @param elapsed the handler's run time
 */
public record JobProcessed(String connection, Job job, Duration elapsed) {}
