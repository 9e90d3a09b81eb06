package org.thinkqueue.event;

import java.time.Duration;
import org.thinkqueue.Job;

/** Fired when the worker released a job after an exception or at shutdown (not when a handler released it). */
public record JobReleased(String connection, Job job, Duration delay) {}
