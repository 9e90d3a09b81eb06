package org.thinkqueue.event;

import org.thinkqueue.Job;

/** Fired after a handler threw (or timed out), before the job is released or failed. */
public record JobExceptionOccurred(String connection, Job job, Throwable exception) {}
