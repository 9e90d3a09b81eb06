package org.thinkqueue.event;

import org.thinkqueue.Job;

/** Fired before an attempt, including before the max-attempts check (as think-queue). */
public record JobProcessing(String connection, Job job) {}
